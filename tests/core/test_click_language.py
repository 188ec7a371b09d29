"""Click's own words (usage, headings, option errors) follow the language of the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.cli.clickwords import chosen_language


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), prog_name="ayni", env={"AYNI_LANG": None, **(env or {})})


def test_an_unknown_option_is_explained_in_spanish_by_default():
    result = run("--nosuch")
    assert result.exit_code == 2
    assert "Error: Opción no válida: --nosuch." in result.output
    assert "Uso: ayni" in result.output and "Escriba «ayni --help» para ver la ayuda." in result.output
    assert "No such option" not in result.output and "Usage:" not in result.output


def test_an_unknown_option_is_explained_in_english_when_chosen():
    for args, env in (["--lang", "en", "--nosuch"], {}), (["--lang=en", "--nosuch"], {}), (["--nosuch"], {"AYNI_LANG": "en"}):
        result = run(*args, env=env)
        assert "Error: No such option '--nosuch'." in result.output and "Usage: ayni" in result.output


def test_a_missing_argument_in_both_languages():
    assert "Error: Falta el argumento 'CONSERVAR|KEEP'." in run("patients", "merge").output
    assert "Error: Missing argument 'CONSERVAR|KEEP'." in run("--lang", "en", "patients", "merge").output


def test_help_headings_follow_the_language_even_after_the_other_one_was_shown():
    english = run("--lang", "en", "patients", "--help").output
    spanish = run("patients", "--help").output
    assert "Usage:" in english and "Options:" in english and "Show this message and exit." in english
    assert "Uso: ayni patients" in spanish and "Opciones:" in spanish and "Comandos:" in spanish
    assert "Muestra este mensaje y sale." in spanish and "Show this message" not in spanish
    assert "Muestra este mensaje y sale." not in run("--lang", "en", "patients", "--help").output


def test_a_bad_choice_and_extra_arguments_in_spanish():
    assert ("Valor no válido para '--lang': «xx» no es un idioma disponible; elija uno de: es, en, qu."
            in run("--lang", "xx").output)
    assert "Sobran argumentos (c d)" in run("patients", "merge", "a", "b", "c", "d").output


@pytest.mark.parametrize("args, env, expected", [
    (["--lang", "en", "tui"], {}, "en"), (["--lang=en"], {}, "en"), ([], {"AYNI_LANG": "en"}, "en"), ([], {}, "es"),
    (["--", "--lang", "en"], {}, "es"),  # after «--» it is an argument, not the option
])
def test_the_language_is_read_before_click_parses(args, env, expected):
    assert chosen_language(args, env) == expected
