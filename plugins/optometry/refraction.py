"""Lens arithmetic: plus/minus cylinder transposition, spherical equivalent, and the reading-glasses
power that suits a patient (a power is written by ``ayni.core.signed_number``; a lens order writes a
zero sphere as a word, :func:`sphere_text`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from ayni.core import EYES, Text, signed_number

ZERO = Decimal("0.00")
QUARTER = Decimal("0.25")

#: A zero sphere as opticians write it on a lens order.
PLANO = Text("Neutro", "Plano")


def sphere_text(value: Decimal, lang: str) -> str:
    """A sphere on a prescription or an envelope: «+1.25», «-0.50», and zero «Neutro» («Plano»)."""
    return signed_number(value) if value else PLANO.get(lang)


#: How a prescription shows its cylinder: as entered, or always in minus or in plus cylinder.
CONVENTIONS = ("minus", "plus")


@attrs.frozen
class Lens:
    """One eye's correction: sphere and cylinder in dioptres, axis in degrees (1–180, ``None``
    without cylinder), near addition."""

    sphere: Decimal = ZERO
    cylinder: Decimal = ZERO
    axis: int | None = None
    add: Decimal | None = None

    @property
    def spherical_equivalent(self) -> Decimal:
        """Sphere plus half the cylinder."""
        return self.sphere + self.cylinder / 2

    def transposed(self) -> Lens:
        """The same lens written with the cylinder of the other sign (same optics)."""
        if not self.cylinder:
            return self
        sphere, cylinder, axis = transpose(self.sphere, self.cylinder, self.axis)
        return attrs.evolve(self, sphere=sphere, cylinder=cylinder, axis=axis)

    def in_convention(self, convention: str | None) -> Lens:
        """Written in ``"minus"`` or ``"plus"`` cylinder; unchanged for ``None`` (as entered)."""
        if convention == "minus" and self.cylinder > 0 or convention == "plus" and self.cylinder < 0:
            return self.transposed()
        return self


def transpose(sphere: Decimal, cylinder: Decimal, axis: int | None) -> tuple[Decimal, Decimal, int | None]:
    """Plus/minus cylinder transposition: the new sphere is sphere + cylinder, the cylinder changes
    sign, the axis turns 90° (kept within 1–180). ``-1.00 -0.50 × 180`` ⇄ ``-1.50 +0.50 × 90``."""
    if not cylinder:
        return sphere, cylinder, axis
    if axis is None:
        raise ValueError("a cylinder needs its axis to be transposed")
    turned = axis + 90 if axis <= 90 else axis - 90
    return sphere + cylinder, -cylinder, turned


def lenses(exam: Mapping) -> dict[str, Lens]:
    """Each eye's :class:`Lens` from an exam form's values (typed or as stored), for the eyes that
    have any refraction."""
    found = {}
    for eye in EYES:
        parts = {name: (exam.get(name) or {}).get(eye) for name in ("sphere", "cylinder", "axis", "add")}
        if all(v in (None, "") for v in parts.values()):
            continue
        found[eye] = Lens(
            sphere=Decimal(str(parts["sphere"])) if parts["sphere"] not in (None, "") else ZERO,
            cylinder=Decimal(str(parts["cylinder"])) if parts["cylinder"] not in (None, "") else ZERO,
            axis=int(parts["axis"]) if parts["axis"] not in (None, "") else None,
            add=Decimal(str(parts["add"])) if parts["add"] not in (None, "") else None,
        )
    return found


def reader_target(exam: Mapping) -> Decimal | None:
    """The reading power a patient needs: per eye with an addition, its spherical equivalent plus the
    addition; the mean of both eyes. ``None`` when no addition was prescribed."""
    powers = [lens.spherical_equivalent + lens.add for lens in lenses(exam).values() if lens.add is not None]
    if not powers:
        return None
    return sum(powers, ZERO) / len(powers)


def nearest_power(target: Decimal, powers: Iterable[Decimal]) -> Decimal | None:
    """The power in ``powers`` nearest ``target``; between two equally near, the weaker one (too much
    plus brings the reading distance closer than the patient can hold a page)."""
    candidates = sorted(set(powers))
    if not candidates:
        return None
    return min(candidates, key=lambda p: (abs(p - target), p))
