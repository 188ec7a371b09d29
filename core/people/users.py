"""Who may do what: users with roles, PINs, sessions, and the permission check the core applies.

**The rule.** A database has *access control on* as soon as one account with a PIN exists (the first
one must be an ``admin``; see :func:`add`). Until then every store is unrestricted, as before: a
store opened by name (``open_store(path, user="tester")``) may do everything, which is what the
demo, the benchmarks and the tests written before access control rely on. Once it is on:

* every write needs a session (:func:`login` with the name and PIN; :meth:`Store.write` refuses
  otherwise) and the session's user must be the store's user;
* each core operation asks :func:`require` for its action, and the session's role decides
  (:data:`PERMISSIONS`); a refusal is an :class:`AccessDenied` naming the role needed, in es/en;
* reading a visit without the right to clinical notes leaves the notes out
  (``encounters.get_encounter_record`` for a cashier has no forms or diagnoses, only what is paid for).

Access control cannot be switched off again by disabling accounts: the last active admin cannot be
disabled.

**PINs** are 4 to 8 digits, stored only as a salted scrypt hash (:data:`SCRYPT_N`, :data:`SCRYPT_R`,
:data:`SCRYPT_P`, a random 16-byte salt, a 32-byte key; about 50 ms on a field laptop) and compared in
constant time. After :data:`MAX_ATTEMPTS` wrong PINs in a row the account is locked for
:data:`LOCK_MINUTES` minutes; every wrong PIN and every lock is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets

import attrs

from ..clinical.forms import clean_text, shown
from ..errors import AyniError, FieldError, ValidationError
from ..i18n import DEFAULT_LANG, Plural, Text
from ..model import User, new_id, utcnow
from ..storage.convert import from_row

#: scrypt cost parameters (n = 2**14, r = 8, p = 1: 16 MiB of memory per hash).
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_DKLEN = 2**14, 8, 1, 32
SALT_BYTES = 16
MAX_ATTEMPTS = 5
LOCK_MINUTES = 15
PIN_PATTERN = re.compile(r"[0-9]{4,8}")

ADMIN, COORDINATOR, REGISTRATION, TRIAGE, CASHIER, PHARMACY = (
    "admin", "coordinator", "registration", "triage", "cashier", "pharmacy")
CLINICIAN_PREFIX = "clinician:"

ROLE_LABELS: dict[str, Text] = {
    REGISTRATION: Text("registro", "registration"),
    TRIAGE: Text("enfermería de triaje", "triage nurse"),
    CASHIER: Text("caja", "cashier"),
    PHARMACY: Text("farmacia", "pharmacy"),
    COORDINATOR: Text("coordinación", "coordinator"),
    ADMIN: Text("administración", "admin"),
}

_NAME = Text("Nombre", "Name")
#: The most characters of a user's name.
MAX_NAME = 80
_ROLE = Text("Rol", "Role")
_PIN = Text("PIN", "PIN")


# -- refusals -----------------------------------------------------------------------------------

_MESSAGES = {
    "forbidden": Text(
        "Acceso denegado: «{action}» requiere el rol {needed}; {user} tiene el rol {role}.",
        "Access denied: «{action}» needs the role {needed}; {user} has the role {role}.",
    ),
    "login_required": Text(
        "Inicie sesión con su nombre y PIN: esta campaña tiene control de acceso ({action}).",
        "Log in with your name and PIN: this campaign has access control ({action}).",
    ),
    "wrong_pin": Plural(
        "PIN incorrecto para {name}: queda {n} intento antes de bloquear la cuenta {minutes} minutos.",
        "PIN incorrecto para {name}: quedan {n} intentos antes de bloquear la cuenta {minutes} minutos.",
        "Wrong PIN for {name}: {n} attempt left before the account is locked for {minutes} minutes.",
        "Wrong PIN for {name}: {n} attempts left before the account is locked for {minutes} minutes.",
    ),
    "locked": Text(
        "La cuenta de {name} está bloqueada por {attempts} PIN incorrectos hasta las {until} (hora de Lima).",
        "The account of {name} is locked after {attempts} wrong PINs until {until} (Lima time).",
    ),
    "unknown_user": Text(
        "No hay ningún usuario activo «{name}» con PIN en esta base de datos.",
        "There is no active user «{name}» with a PIN in this database.",
    ),
    "first_admin": Text(
        "El primer usuario con PIN debe tener el rol admin (así la campaña no queda sin administración); "
        "se pidió {role}.",
        "The first user with a PIN must have the role admin (so the campaign is never left without one); "
        "{role} was asked.",
    ),
    "last_admin": Text(
        "No se puede desactivar a {name}: es el último admin activo.",
        "{name} cannot be disabled: they are the last active admin.",
    ),
}


class AccessDenied(AyniError):
    """A person may not do this (wrong role, not logged in, wrong or locked PIN). Nothing was written."""

    def message(self, lang: str = DEFAULT_LANG) -> str:
        # a name typed at login is shown back as typed, but never as terminal escapes
        params = {k: v.get(lang) if isinstance(v, Text) else shown(v, MAX_NAME) if isinstance(v, str) else v
                  for k, v in self.params.items()}
        said = _MESSAGES[self.key]
        return said.format(lang, **params) if isinstance(said, Plural) else said.get(lang).format(**params)


# -- roles --------------------------------------------------------------------------------------


#: The words that put roles into phrases.
ROLE_WORDS: dict[str, Text] = {
    "clinician_of": Text("clínico de {specialty}", "{specialty} clinician"),
    "clinician": Text("clínico", "clinician"),
    "none": Text("ninguno", "none"),
    "at_triage": Text("{role} (en triaje)", "{role} (at triage)"),
    "either": Text("{some} o {last}", "{some} or {last}"),
    "ticked_at_triage": Text("✓ en triaje", "✓ at triage"),
}


def role_label(role: str, lang: str = DEFAULT_LANG, plugins=None) -> str:
    """A role as people say it: «clínico de Odontología», «cashier»."""
    if role.startswith(CLINICIAN_PREFIX):
        specialty = role[len(CLINICIAN_PREFIX):]
        known = plugins.specialties.get(specialty) if plugins is not None else None
        name = known.name.get(lang) if known else specialty
        return ROLE_WORDS["clinician_of"].get(lang).format(specialty=name)
    label = ROLE_LABELS.get(role)
    return label.get(lang) if label else (role or ROLE_WORDS["none"].get(lang))


def all_roles(plugins) -> list[str]:
    """Every role a user may have in a store with these plugins."""
    return [REGISTRATION, TRIAGE, *(CLINICIAN_PREFIX + key for key in plugins.specialties), CASHIER, PHARMACY,
            COORDINATOR, ADMIN]


def check_role(plugins, role: str) -> str:
    """``role`` if it exists; :class:`ValidationError` naming the allowed roles otherwise."""
    role = (role or "").strip()
    allowed = all_roles(plugins)
    if role not in allowed:
        raise ValidationError([FieldError("role", "bad_choice", _ROLE, {"allowed": ", ".join(allowed)})])
    return role


# -- permissions --------------------------------------------------------------------------------


@attrs.frozen
class Permission:
    """An action of the core, its name for people, and who may do it.

    ``roles`` are plain roles; ``clinician`` lets a clinician of the context's specialty (any
    specialty when the action has none), ``triage_station`` lets the triage nurse when the context's
    station is a triage station. ``specialty`` binds the action to one specialty whatever the
    context (a plugin's ``surgery.schedule`` is for surgery's clinicians only).
    """

    label: Text
    roles: frozenset[str]
    clinician: bool = False
    triage_station: bool = False
    specialty: str | None = None

    def allows(self, role: str, specialty: str | None, station: str | None) -> bool:
        """True when ``role`` may do this here."""
        specialty = self.specialty or specialty
        if role in self.roles:
            return True
        if self.clinician and role.startswith(CLINICIAN_PREFIX):
            return specialty is None or role == CLINICIAN_PREFIX + specialty
        return self.triage_station and role == TRIAGE and station == "triage"

    def needed(self, specialty: str | None, lang: str, plugins) -> str:
        """The roles that may, as one phrase («clínico de Odontología o admin»)."""
        specialty = self.specialty or specialty
        names = []
        if self.clinician:
            names.append(role_label(CLINICIAN_PREFIX + specialty, lang, plugins) if specialty
                         else ROLE_WORDS["clinician"].get(lang))
        if self.triage_station:
            names.append(ROLE_WORDS["at_triage"].get(lang).format(role=role_label(TRIAGE, lang)))
        names.extend(role_label(r, lang) for r in sorted(self.roles))
        if len(names) < 2:
            return "".join(names)
        return ROLE_WORDS["either"].get(lang).format(some=", ".join(names[:-1]), last=names[-1])


_CLINICAL = frozenset({TRIAGE, PHARMACY})
PERMISSIONS: dict[str, Permission] = {
    "patients.register": Permission(Text("registrar o corregir pacientes", "register or correct patients"),
                                     frozenset({REGISTRATION, TRIAGE, COORDINATOR}), clinician=True),
    "patients.merge": Permission(Text("fusionar o separar dos registros de un mismo paciente",
                                      "merge or separate two records of one patient"), frozenset({COORDINATOR, ADMIN})),
    "encounters.open": Permission(Text("abrir una atención", "open an encounter"), frozenset(),
                                  clinician=True, triage_station=True),
    "encounters.save": Permission(Text("guardar una atención", "save an encounter"), frozenset(),
                                  clinician=True, triage_station=True),
    "encounters.close": Permission(Text("cerrar y firmar una atención", "close and sign an encounter"),
                                   frozenset(), clinician=True, triage_station=True),
    "encounters.cancel": Permission(Text("anular una atención abierta por error (quien la abrió)",
                                         "cancel an encounter opened by mistake (whoever opened it)"),
                                    frozenset({COORDINATOR, ADMIN}), clinician=True, triage_station=True),
    "clinical.read": Permission(Text("ver notas clínicas", "see clinical notes"), _CLINICAL, clinician=True),
    "payments.record": Permission(Text("registrar pagos", "record payments"), frozenset({CASHIER})),
    "queue.move": Permission(Text("mover pacientes en las colas", "move patients through the queues"),
                             frozenset({REGISTRATION, TRIAGE, CASHIER, PHARMACY, COORDINATOR}), clinician=True),
    "queue.registration": Permission(Text("llamar en registro", "call at registration"),
                                     frozenset({REGISTRATION, COORDINATOR})),
    "queue.triage": Permission(Text("llamar en triaje", "call at triage"), frozenset({TRIAGE, COORDINATOR})),
    "queue.consult": Permission(Text("llamar a consulta", "call to a consultation"), frozenset({COORDINATOR}),
                                clinician=True),
    "queue.cashier": Permission(Text("llamar en caja", "call at the cashier"), frozenset({CASHIER, COORDINATOR})),
    "queue.pharmacy": Permission(Text("llamar en farmacia", "call at the pharmacy"),
                                 frozenset({PHARMACY, COORDINATOR})),
    "stations.configure": Permission(Text("configurar estaciones", "configure stations"),
                                     frozenset({COORDINATOR, ADMIN})),
    "audit.read": Permission(Text("ver el registro de auditoría", "read the audit log"),
                             frozenset({COORDINATOR, ADMIN})),
    "backup": Permission(Text("hacer copias de seguridad", "make backups"), frozenset({COORDINATOR, ADMIN})),
    "restore": Permission(Text("restaurar una copia de seguridad", "restore a backup"), frozenset({ADMIN})),
    "users.manage": Permission(Text("gestionar usuarios", "manage users"), frozenset({ADMIN})),
    "campaign.export": Permission(Text("exportar los datos del equipo", "export this laptop's records"),
                                  frozenset({COORDINATOR, ADMIN})),
    "campaign.merge": Permission(Text("unir los datos de otro equipo", "merge another laptop's records"),
                                 frozenset({COORDINATOR, ADMIN})),
    "merge.check": Permission(Text("marcar como revisado lo que dejó una unión", "mark what a merge left as checked"),
                              frozenset({COORDINATOR, ADMIN})),
    "campaigns.manage": Permission(Text("crear campañas y sedes", "create campaigns and sites"),
                                   frozenset({COORDINATOR, ADMIN})),
    "payments.approve": Permission(Text("autorizar rebajas y exoneraciones", "approve reductions and waivers"),
                                   frozenset({COORDINATOR, ADMIN})),
    "cashier.close": Permission(Text("cerrar la caja del día", "close the cash day"),
                                frozenset({CASHIER, COORDINATOR})),
    "stock.receive": Permission(Text("recibir stock", "receive stock"), frozenset({PHARMACY, COORDINATOR})),
    "stock.count": Permission(Text("contar stock", "count stock"), frozenset({PHARMACY, COORDINATOR})),
    "stock.adjust": Permission(Text("ajustar stock (pérdidas, roturas, traslados)",
                                    "adjust stock (losses, breakage, transfers)"), frozenset({PHARMACY, COORDINATOR})),
    "stock.dispense": Permission(Text("entregar medicinas y equipos", "hand out medicines and equipment"),
                                 frozenset({PHARMACY}), clinician=True),
    "stock.levels": Permission(Text("fijar niveles de stock bajo", "set low-stock levels"),
                               frozenset({PHARMACY, COORDINATOR})),
    "referrals.create": Permission(Text("referir pacientes", "refer patients"), frozenset({COORDINATOR}),
                                   clinician=True, triage_station=True),
    "referrals.update": Permission(Text("cambiar el estado de una referencia", "change a referral's status"),
                                   frozenset({COORDINATOR}), clinician=True),
    "alerts.record": Permission(Text("registrar alergias, embarazo y enfermedades crónicas del paciente",
                                     "record a patient's allergies, pregnancy and chronic conditions"),
                                frozenset({TRIAGE, COORDINATOR}), clinician=True),
}


#: The columns of :func:`permission_table`: every clinician shares one.
TABLE_ROLES = (REGISTRATION, TRIAGE, CLINICIAN_PREFIX, CASHIER, PHARMACY, COORDINATOR, ADMIN)


def _cell(permission: Permission, role: str, lang: str, plugins) -> str:
    if role in permission.roles:
        return "✓"
    if role == CLINICIAN_PREFIX and permission.clinician:
        specialty = plugins.specialties.get(permission.specialty)
        return f"✓ {specialty.name.get(lang)}" if specialty else "✓"
    if role == TRIAGE and permission.triage_station:
        return ROLE_WORDS["ticked_at_triage"].get(lang)
    return "·"


def permission_table(plugins, lang: str = DEFAULT_LANG) -> list[tuple[str, str, tuple[str, ...]]]:
    """Who may do what, for people: each action (core first, then plugins') with its label and one
    mark per role of :data:`TABLE_ROLES` (``✓``, ``✓ Cirugía`` for that specialty's clinicians only,
    ``✓ en triaje`` at a triage station only, ``·`` not allowed)."""
    return [(action, p.label.get(lang), tuple(_cell(p, role, lang, plugins) for role in TABLE_ROLES))
            for action, p in {**PERMISSIONS, **permissions(plugins)}.items()]


def access_control_on(db) -> bool:
    """True once any account with a PIN exists in this database."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM accounts)").fetchone()[0] == 1


@attrs.frozen
class Session:
    """A person logged in with their PIN, at a station (or none), since ``started_at``."""

    user: User
    station: str | None = None
    started_at: dt.datetime = attrs.field(factory=utcnow)


def acting_role(store) -> str | None:
    """The role that decides what ``store`` may do: ``None`` (everything) without access control,
    the session's role with it, ``""`` (nothing) when nobody has logged in."""
    if not access_control_on(store.db):
        return None
    session = getattr(store, "session", None)
    if session is None or session.user.id != store.user.id:
        return ""
    return session.user.role


def permissions(plugins) -> dict[str, Permission]:
    """The whole table: the core's :data:`PERMISSIONS` and every plugin's (``ayni_permissions``);
    a plugin cannot redefine an action of the core."""
    return {**plugins.permissions, **PERMISSIONS}


def permission_of(store, action: str) -> Permission:
    """The permission of ``action``; an unknown name is a programming error, refused loudly
    (:class:`LookupError`) whether or not access control is on."""
    found = PERMISSIONS.get(action) or store.plugins.permissions.get(action)
    if found is None:
        raise LookupError(f"unknown action {action!r}: declare it in ayni.core.people.users.PERMISSIONS "
                          "or in a plugin's ayni_permissions()")
    return found


def may(store, action: str, specialty: str | None = None, station: str | None = None) -> bool:
    """True when ``store``'s user may do ``action`` (for this specialty and station)."""
    found = permission_of(store, action)
    role = acting_role(store)
    return role is None or found.allows(role, specialty, station)


def require(store, action: str, specialty: str | None = None, station: str | None = None) -> None:
    """Refuse with :class:`AccessDenied` (es/en, naming the role needed) unless the user may ``action``."""
    permission = permission_of(store, action)
    role = acting_role(store)
    if role is None:
        return
    if role == "":
        raise AccessDenied("login_required", action=permission.label)
    if not permission.allows(role, specialty, station):
        raise _forbidden(store, permission, store.user.name, role, specialty)


def _forbidden(store, permission: Permission, name: str, role: str, specialty: str | None) -> AccessDenied:
    plugins = store.plugins
    return AccessDenied(
        "forbidden", action=permission.label, user=name,
        needed=Text(permission.needed(specialty, "es", plugins), permission.needed(specialty, "en", plugins)),
        role=Text(role_label(role, "es", plugins), role_label(role, "en", plugins)),
    )


def check_session(store) -> None:
    """What :meth:`Store.write` asks before writing: with access control on, someone logged in and
    writing as themselves."""
    if getattr(store, "session", None) is not None and store.session.user.id == store.user.id:
        return
    if access_control_on(store.db):
        raise AccessDenied("login_required", action=Text("guardar", "save"))


# -- PINs ---------------------------------------------------------------------------------------


def check_name(name) -> str:
    """A user's name as typed, trimmed; refuses (:class:`ValidationError`) an empty one, a control
    character or more than :data:`MAX_NAME` characters."""
    errors: list[FieldError] = []
    name = clean_text(name, "name", _NAME, errors, MAX_NAME, required=True)
    if errors:
        raise ValidationError(errors)
    return name


def check_pin_format(pin: str) -> str:
    """``pin`` if it is 4 to 8 digits; :class:`ValidationError` naming the field and the range otherwise."""
    if not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin):
        raise ValidationError([FieldError("pin", "pin_format", _PIN, text=Text(
            "{field}: debe tener de 4 a 8 dígitos (0–9).", "{field}: must have 4 to 8 digits (0–9)."))])
    return pin


def hash_pin(pin: str) -> str:
    """``scrypt$n$r$p$salt$key`` (hex) for a valid PIN, with a new random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = hashlib.scrypt(check_pin_format(pin).encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                         dklen=SCRYPT_DKLEN)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """True when ``pin`` gives ``stored`` (parameters read from it), compared in constant time."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = bytes.fromhex(key)
        got = hashlib.scrypt(str(pin).encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(expected))
    except (ValueError, AttributeError):
        return False
    return hmac.compare_digest(got, expected)


# -- accounts -----------------------------------------------------------------------------------


@attrs.frozen
class Account:
    """A user with what access control knows of them."""

    user: User
    has_pin: bool
    active: bool
    failed_attempts: int = 0
    locked_until: dt.datetime | None = None


def _user_by_name(store, name: str) -> User | None:
    # a name merged from another laptop may have a row from each: the one with a PIN here logs in
    rows = list(store.db["users"].rows_where(
        "name = ?", [name.strip()], limit=1,
        order_by="(SELECT count(*) FROM accounts WHERE accounts.user_id = users.id) DESC, rowid"))
    return from_row(User, rows[0]) if rows else None


def _account_row(store, user_id: str) -> dict | None:
    rows = list(store.db["accounts"].rows_where("user_id = ?", [user_id], limit=1))
    return rows[0] if rows else None


def _audit(store, action: str, user_id: str, data: dict) -> None:
    """An audit entry for the account ``user_id`` (never with the PIN or its hash)."""
    from ..storage.auditchain import append

    append(store.db, [{
        "at": utcnow().isoformat(), "user_id": store.user.id or user_id, "action": action,
        "table_name": "accounts", "record_id": user_id, "data": json.dumps(data, ensure_ascii=False),
        "previous": None,
    }])


def _save_account(store, user_id: str, **values) -> None:
    values["changed_at"] = utcnow().isoformat()
    store.db["accounts"].upsert({"user_id": user_id, **values}, pk="user_id")


def add(store, name: str, role: str, pin: str) -> User:
    """Create a user with a role and a PIN (or give an existing user without a PIN their first one).

    The first account of a database must be an ``admin``, and creating it turns access control on;
    after that only an admin may add users. Nothing is written when refused.
    """
    errors = []
    try:
        name = check_name(name)
    except ValidationError as refused:
        errors.extend(refused.errors)
    try:
        role = check_role(store.plugins, role)
    except ValidationError as refused:
        errors.extend(refused.errors)
    try:
        check_pin_format(pin)
    except ValidationError as refused:
        errors.extend(refused.errors)
    if errors:
        raise ValidationError(errors)
    first = not access_control_on(store.db)
    if first and role != ADMIN:
        raise AccessDenied("first_admin", role=role)
    if not first:
        require(store, "users.manage")
    existing = _user_by_name(store, name)
    if existing is not None and _account_row(store, existing.id) is not None:
        raise ValidationError([FieldError("name", "bad_pattern", _NAME, {"hint": Text(
            f"ya existe un usuario «{name}»", f"a user «{name}» already exists")})])
    pin_hash = hash_pin(pin)
    with store.write(checked=not first):
        if existing is None:
            user = User(id=new_id(), name=name, role=role)
            store.insert("users", user)
        else:
            user = attrs.evolve(existing, role=role)
            store.update("users", user)
        _save_account(store, user.id, pin_hash=pin_hash, active=1, failed_attempts=0, locked_until=None)
        _audit(store, "set_pin", user.id, {"name": name, "role": role})
    return user


def disable(store, name: str) -> None:
    """Disable a user's account (admin only): they can no longer log in. Records stay theirs."""
    require(store, "users.manage")
    user = _user_by_name(store, name)
    if user is None or _account_row(store, user.id) is None:
        raise AccessDenied("unknown_user", name=name)
    if user.role == ADMIN:
        admins = store.db.execute(
            "SELECT count(*) FROM accounts JOIN users ON users.id = accounts.user_id "
            "WHERE users.role = ? AND accounts.active = 1", [ADMIN]).fetchone()[0]
        if admins <= 1:
            raise AccessDenied("last_admin", name=user.name)
    with store.write():
        _save_account(store, user.id, active=0)
        _audit(store, "disable", user.id, {"name": user.name})


def accounts(store) -> list[Account]:
    """Every user, by name, with whether they have a PIN, are active, or are locked."""
    rows = store.db.execute(
        "SELECT users.*, accounts.pin_hash, accounts.active, accounts.failed_attempts, accounts.locked_until "
        "FROM users LEFT JOIN accounts ON accounts.user_id = users.id ORDER BY users.name").fetchall()
    names = [d[0] for d in store.db.execute("SELECT * FROM users LIMIT 0").description]
    result = []
    for row in rows:
        user = from_row(User, dict(zip(names, row[:len(names)])))
        pin_hash, active, failed, locked = row[len(names):]
        result.append(Account(user, bool(pin_hash), bool(active) if pin_hash else False, failed or 0,
                              dt.datetime.fromisoformat(locked) if locked else None))
    return result


# -- sessions -----------------------------------------------------------------------------------


def _lima_time(moment: dt.datetime) -> str:
    from ..dates import to_lima

    return to_lima(moment).strftime("%H:%M")


def _check(store, user: User, pin: str, now: dt.datetime) -> None:
    """Compare ``pin`` with the account of ``user``; count and audit a wrong one, lock after too many.

    The count is read, the PIN compared and the count written in one transaction holding the write
    lock: parallel sessions (every browser of ``ayni serve`` is a process) wait for each other, so
    no more than :data:`MAX_ATTEMPTS` wrong PINs are ever compared before the account locks.
    """
    with store.write(checked=False):
        refusal = _compare(store, user, pin, now)
    if refusal is not None:  # raised after the commit, so the wrong PIN stays counted
        raise refusal


def _compare(store, user: User, pin: str, now: dt.datetime) -> AccessDenied | None:
    """Inside :func:`_check`'s transaction: ``None`` when ``pin`` is right, else the refusal to raise."""
    row = _account_row(store, user.id)
    if row is None or not row["active"]:
        return AccessDenied("unknown_user", name=user.name)
    locked_until = dt.datetime.fromisoformat(row["locked_until"]) if row["locked_until"] else None
    if locked_until is not None and now < locked_until:
        return AccessDenied("locked", name=user.name, attempts=MAX_ATTEMPTS, until=_lima_time(locked_until))
    if pin_matches(pin, row["pin_hash"]):
        if row["failed_attempts"] or locked_until:
            _save_account(store, user.id, failed_attempts=0, locked_until=None)
        return None
    failed = (0 if locked_until else row["failed_attempts"] or 0) + 1
    lock = now + dt.timedelta(minutes=LOCK_MINUTES) if failed >= MAX_ATTEMPTS else None
    _save_account(store, user.id, failed_attempts=failed, locked_until=lock.isoformat() if lock else None)
    _audit(store, "lock" if lock else "wrong_pin", user.id, {"name": user.name, "failed_attempts": failed})
    if lock:
        return AccessDenied("locked", name=user.name, attempts=MAX_ATTEMPTS, until=_lima_time(lock))
    return AccessDenied("wrong_pin", name=user.name, n=MAX_ATTEMPTS - failed, minutes=LOCK_MINUTES)


def login(store, name: str, pin: str, station: str | None = None, now: dt.datetime | None = None) -> Session:
    """Log ``name`` in with their PIN: the store then writes as them, with their role.

    Refuses (:class:`AccessDenied`) an unknown or disabled user, a wrong PIN (saying how many tries
    are left) and a locked account (saying until when).
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    user = _user_by_name(store, name or "")
    if user is None:
        raise AccessDenied("unknown_user", name=(name or "").strip())
    previous = store.user
    store.user = user  # the wrong-PIN entries of the audit log name who tried
    try:
        _check(store, user, pin, now)
    except BaseException:
        store.user = previous
        raise
    store.session = Session(user=user, station=station)
    with store.write():
        _audit(store, "login", user.id, {"name": user.name, "station": station})
    return store.session


def unlock(store, pin: str, now: dt.datetime | None = None) -> None:
    """Confirm the PIN of the session's user after the screen locked (wrong PINs count as at login)."""
    _check(store, store.session.user, pin, now or dt.datetime.now(dt.timezone.utc))


def confirm(store, name: str, pin: str, action: str, now: dt.datetime | None = None) -> User:
    """The user ``name``, present and allowed to ``action``: an active account whose role may, and
    their PIN (a coordinator approving a waiver at the cashier's desk). Nobody is logged in or out:
    the store keeps writing as its own user. Wrong PINs count and lock the account as at login, and
    the audit log names who typed them. Refused with :class:`AccessDenied`. Call it outside
    ``store.write()``: a refusal inside one would roll the wrong PIN's count back with it."""
    user = _user_by_name(store, name or "")
    if user is None or _account_row(store, user.id) is None:
        raise AccessDenied("unknown_user", name=(name or "").strip())
    permission = permission_of(store, action)
    if not permission.allows(user.role, None, None):
        raise _forbidden(store, permission, user.name, user.role, None)
    _check(store, user, pin, now or dt.datetime.now(dt.timezone.utc))
    return user


def logout(store) -> None:
    """End the session: the store can no longer write until someone logs in."""
    if getattr(store, "session", None) is not None:
        with store.write():
            _audit(store, "logout", store.user.id, {"name": store.user.name})
    store.session = None
