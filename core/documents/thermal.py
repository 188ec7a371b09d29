"""Printing straight on a thermal roll: receipts, patient cards, queue tickets and labels on ESC/POS
printers of 58 mm and 80 mm, over USB, serial or the network.

A document for the roll is a :class:`Slip`, a few blocks top to bottom (lines, label–value pairs, a
rule, a QR code, a line to write on). :func:`layout` lays it out as the lines of text the printer's
Font A fits (32 columns on 58 mm paper, 48 on 80 mm); :func:`print_slip` sends it to a python-escpos
printer: the text in a code page the printer has (python-escpos's ``magic`` encoding picks one for
ñ, á, «»), the QR code in the printer's own QR command, and the cut after the last line, so the
slip is as long as what it holds. The PDF of the same document stays the fallback.

python-escpos is imported only when a printer is opened or written to, never at start-up.
"""

from __future__ import annotations

import re
import textwrap

import attrs

from ..errors import AyniError, FieldError, ValidationError
from ..i18n import Text

#: Paper width (mm) → characters per line in Font A.
COLUMNS = {58: 32, 80: 48}
#: The QR module size (dots) for each paper width: about 2.5 cm across for a short patient number.
QR_SIZE = {58: 6, 80: 8}

PRINTER = Text("Impresora", "Printer")
WIDTH = Text("Ancho del papel (--width, mm)", "Paper width (--width, mm)")
PROFILE = Text("Modelo de impresora (--profile)", "Printer model (--profile)")
PRINTER_FORMS = Text(
    "escriba usb:VENDEDOR:PRODUCTO (usb:0x04b8:0x0202), serial:DISPOSITIVO (serial:/dev/ttyUSB0) "
    "o net:DIRECCIÓN[:PUERTO] (net:192.168.1.50, puerto 9100 por defecto)",
    "write usb:VENDOR:PRODUCT (usb:0x04b8:0x0202), serial:DEVICE (serial:/dev/ttyUSB0) "
    "or net:ADDRESS[:PORT] (net:192.168.1.50, port 9100 by default)")

#: The least room left to write in by hand after a label, else the line goes under it.
_WRITE_ROOM = 8
_HEX = r"(?:0x)?[0-9a-fA-F]{1,4}"
_USB = re.compile(rf"usb:({_HEX}):({_HEX})")
_SERIAL = re.compile(r"serial:(/dev/[\w./-]+|COM[0-9]{1,3})")
_NET = re.compile(r"net:([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?")


# -- what a slip holds -------------------------------------------------------------------------------


@attrs.frozen
class Line:
    """A paragraph, wrapped to the paper; ``big`` prints it double width and height (half the columns)."""

    text: str
    align: str = "left"
    bold: bool = False
    big: bool = False


@attrs.frozen
class Pair:
    """A label at the left and its value at the right of the same line («Total ....... S/ 20.00»)."""

    label: str
    value: str


@attrs.frozen
class Rule:
    """A dashed line across the paper."""


@attrs.frozen
class QR:
    """A QR code of ``data``, centred, printed by the printer itself."""

    data: str


@attrs.frozen
class WriteOn:
    """A label followed by a line to write on by hand («Próxima cita: ______»)."""

    label: str


@attrs.frozen
class Slip:
    """A document for a thermal roll: its blocks, top to bottom; the paper is cut after the last."""

    blocks: tuple = ()


# -- laying it out -----------------------------------------------------------------------------------


def paper_width(raw) -> int:
    """A paper width in mm as given (``80`` or ``"58"``): 58 or 80; anything else is refused, naming the widths."""
    text = str(raw).strip()
    if not text.isdigit() or int(text) not in COLUMNS:
        raise ValidationError([FieldError("width", "bad_choice", WIDTH, {"allowed": ", ".join(map(str, COLUMNS))})])
    return int(text)


def columns_of(width) -> int:
    """The Font A columns of paper ``width`` mm (58 or 80, checked by :func:`paper_width`)."""
    return COLUMNS[paper_width(width)]


def _wrapped(text: str, columns: int) -> list[str]:
    return textwrap.wrap(text, columns, break_long_words=True, break_on_hyphens=False) or [""]


def _aligned(text: str, align: str, columns: int) -> str:
    if align == "center":
        return text.center(columns).rstrip()
    if align == "right":
        return text.rjust(columns)
    return text


def _pair(pair: Pair, columns: int) -> list[str]:
    gap = columns - len(pair.label) - len(pair.value)
    if gap >= 1:
        return [pair.label + " " * gap + pair.value]
    return _wrapped(pair.label, columns) + [pair.value.rjust(columns)]


def block_lines(block, columns: int) -> list[str]:
    """The text lines one block takes on paper of ``columns`` characters (a QR code is a placeholder
    line «[QR A-0042]»: the printer draws it)."""
    if isinstance(block, Line):
        room = columns // 2 if block.big else columns
        return [_aligned(text, block.align, room) for text in _wrapped(block.text, room)]
    if isinstance(block, Pair):
        return _pair(block, columns)
    if isinstance(block, Rule):
        return ["-" * columns]
    if isinstance(block, QR):
        return [f"[QR {block.data}]".center(columns).rstrip()]
    if isinstance(block, WriteOn):
        head = f"{block.label}: "
        if len(head) + _WRITE_ROOM <= columns:
            return [head.ljust(columns, "_")]
        return [*_wrapped(head.strip(), columns), "_" * columns]
    raise TypeError(f"not a slip block: {block!r}")


def layout(slip: Slip, width: int) -> list[str]:
    """The slip as the text lines it prints on paper ``width`` mm wide (58 or 80), for a screen or a test."""
    columns = columns_of(width)
    return [line for block in slip.blocks for line in block_lines(block, columns)]


# -- printing ----------------------------------------------------------------------------------------


def print_slip(printer, slip: Slip, width: int) -> None:
    """Print ``slip`` on ``printer`` (a python-escpos printer, such as one :func:`open_printer` gives or
    its ``Dummy``) for paper ``width`` mm wide, then cut the paper."""
    columns = columns_of(width)
    for block in slip.blocks:
        if isinstance(block, QR):
            printer.set(align="center")
            printer.qr(block.data, native=True, size=QR_SIZE[width])
            continue
        big = isinstance(block, Line) and block.big
        printer.set(align="left", bold=isinstance(block, Line) and block.bold, double_width=big, double_height=big)
        for text in block_lines(block, columns):
            printer.textln(text)
    printer.set(align="left", bold=False, double_width=False, double_height=False)
    printer.cut()


class PrinterError(AyniError):
    """The printer could not be reached or refused the slip: nothing is lost, the PDF can still be made."""

    MESSAGES = {"failed": Text("No se pudo imprimir en {printer}: {error}. Revise el cable, el papel y que "
                               "esté encendida; o imprima el PDF.",
                               "Could not print on {printer}: {error}. Check the cable, the paper and that it "
                               "is on; or print the PDF.")}


@attrs.frozen
class PrinterAddress:
    """Where a printer is: ``kind`` (``usb``, ``serial`` or ``net``) and what that kind needs (the USB
    vendor and product ids, the serial device, the network host and port). ``spec`` is how it is written."""

    kind: str
    spec: str
    vendor: int = 0
    product: int = 0
    device: str = ""
    host: str = ""
    port: int = 9100


def parse_printer(text: str) -> PrinterAddress:
    """A printer as written: ``usb:0x04b8:0x0202``, ``serial:/dev/ttyUSB0`` or ``net:192.168.1.50[:9100]``;
    anything else is refused with a message that shows the accepted forms."""
    spec = (text or "").strip()
    if found := _USB.fullmatch(spec):
        return PrinterAddress("usb", spec, vendor=int(found[1], 16), product=int(found[2], 16))
    if found := _SERIAL.fullmatch(spec):
        return PrinterAddress("serial", spec, device=found[1])
    if (found := _NET.fullmatch(spec)) and 1 <= int(found[2] or 9100) <= 65535:
        return PrinterAddress("net", spec, host=found[1], port=int(found[2] or 9100))
    raise ValidationError([FieldError("printer", "bad_pattern", PRINTER, {"hint": PRINTER_FORMS})])


def check_profile(name: str) -> str:
    """A python-escpos printer profile (``TM-T88V``, ``POS-5890``…: it says which code pages the printer
    has), or '' for its default; an unknown one is refused, naming those there are."""
    from escpos.capabilities import CAPABILITIES

    name = (name or "").strip()
    if name and name not in CAPABILITIES["profiles"]:
        raise ValidationError([FieldError("profile", "bad_choice", PROFILE,
                                          {"allowed": ", ".join(sorted(CAPABILITIES["profiles"]))})])
    return name


def open_printer(address: PrinterAddress, profile: str = ""):
    """The python-escpos printer at ``address``, with ``profile`` ('' for the default) (imported here:
    printing is the only thing that needs it)."""
    from escpos import printer

    model = {"profile": profile} if profile else {}
    if address.kind == "usb":
        return printer.Usb(address.vendor, address.product, **model)
    if address.kind == "serial":
        return printer.Serial(address.device, **model)
    return printer.Network(address.host, port=address.port, **model)


def print_at(address: PrinterAddress, slip: Slip, width: int, profile: str = "") -> None:
    """Print ``slip`` on the printer at ``address`` (python-escpos ``profile``, '' for the default); a
    printer that cannot be reached or fails midway is a :class:`PrinterError` naming it."""
    try:
        printer = open_printer(address, profile)
        try:
            print_slip(printer, slip, width)
        finally:
            printer.close()
    except Exception as error:  # USB, serial and socket errors alike: one message for the person printing
        raise PrinterError("failed", printer=address.spec, error=" ".join(str(error).split()) or type(error).__name__) from error


__all__ = [
    "COLUMNS", "Line", "Pair", "PrinterAddress", "PrinterError", "QR", "Rule", "Slip", "WriteOn", "block_lines",
    "check_profile", "columns_of", "paper_width",
    "layout", "open_printer", "parse_printer", "print_at", "print_slip",
]
