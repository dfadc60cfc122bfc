"""Personal accounts and their rights, managed by a beheerder of the user's municipalities.

Deny by default: only a beheerder changes rights, only of users who serve one of their
municipalities, only within those municipalities (and the teams that serve them), and never
their own rights: a second beheerder does that (four eyes, no self-escalation). What belongs to
the whole account (its roles, its password, whether it is active) changes only by a beheerder of
every municipality the account serves: a beheerder of one municipality cannot reach into the
others through a shared colleague. Every change is logged in the rights log with its rows; every
refusal is logged with result "geweigerd".
"""

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from caseflow.extensions import db
from caseflow.models import Municipality, Role, Team, User, UserRole
from caseflow.permissions import ADMINISTER
from caseflow.rights.log import record_change, record_refusal
from caseflow.security.passwords import password_problems
from caseflow.security.throttle import is_locked, lift, record_failure
from caseflow.workflow.errors import InvalidData, NotAuthorised

if TYPE_CHECKING:
    from caseflow.models.partners import PartnerOrganisation

# Words that make a user name, e-mail address or name look like a shared or group account.
SHARED_WORDS = (
    "team",
    "balie",
    "algemeen",
    "groep",
    "afdeling",
    "gedeeld",
    "secretariaat",
    "receptie",
    "loket",
    "toegang",
    "medewerker",
    "servicedesk",
    "helpdesk",
    "postbus",
    "functioneel",
)
SHARED_TOKENS = frozenset(
    {"info", "admin", "test", "wmo", "jeugd", "gemeente", "beheer", "allen", "iedereen", "pool"}
)
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,79}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SELF = "U kunt uw eigen rechten niet wijzigen. Vraag een andere beheerder om dit te doen."
OUT_OF_SCOPE = "Alleen een beheerder van een gemeente van deze medewerker beheert dit account."
WIDER = (
    "Dit account werkt ook voor gemeenten die u niet beheert. Rollen, wachtwoord en activering "
    "wijzigt een beheerder van al die gemeenten."
)


def administered(actor: User) -> list[Municipality]:
    if not actor.may(ADMINISTER) or not actor.active:
        return []
    return sorted(actor.municipalities, key=lambda m: m.name)


def administered_ids(actor: User) -> set[int]:
    return {m.id for m in administered(actor)}


def manageable_teams(actor: User) -> list[Team]:
    """Teams that serve at least one municipality `actor` administers."""
    ids = administered_ids(actor)
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(Team)
            .where(Team.municipalities.any(Municipality.id.in_(ids)))
            .order_by(Team.name)
        )
    )


def in_scope(actor: User, subject: User) -> bool:
    return bool(administered_ids(actor) & {m.id for m in subject.municipalities})


def covers(actor: User, subject: User) -> bool:
    """Whether `actor` administers every municipality `subject` serves (account-wide changes)."""
    return {m.id for m in subject.municipalities} <= administered_ids(actor)


def users_in_scope(actor: User, municipality_id: int | None = None) -> list[User]:
    ids = administered_ids(actor)
    if municipality_id is not None:
        ids &= {municipality_id}
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.municipalities.any(Municipality.id.in_(ids)))
            .order_by(User.active.desc(), User.full_name)
        )
    )


def authorise(
    actor: User,
    subject: User | None,
    action: str,
    detail: str,
    origin: str | None,
    *,
    whole_account: bool = False,
) -> None:
    """Refuse (and log) unless `actor` may change `subject`'s rights; None means a new account.
    A change to the `whole_account` needs a beheerder of all of the account's municipalities."""
    if not administered(actor):
        reason = "Alleen een beheerder beheert accounts en rechten."
    elif subject is not None and not in_scope(actor, subject):
        reason = OUT_OF_SCOPE
    elif subject is not None and subject.id == actor.id:
        reason = SELF
    elif subject is not None and whole_account and not covers(actor, subject):
        reason = WIDER
    else:
        return
    record_refusal(actor, subject, action, f"{detail}: {reason}" if detail else reason, origin)
    raise NotAuthorised(reason)


def looks_shared(text: str) -> bool:
    lowered = text.lower()
    tokens = set(re.split(r"[^a-z]+", lowered))
    return any(word in lowered for word in SHARED_WORDS) or bool(tokens & SHARED_TOKENS)


def _account_errors(username: str, full_name: str, email: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not USERNAME.match(username):
        errors["username"] = (
            "Gebruik 3 tot 80 kleine letters, cijfers, punten, streepjes of liggende streepjes."
        )
    elif looks_shared(username):
        errors["username"] = (
            "Dit lijkt een gedeeld of groepsaccount. Elk account is van één persoon: gebruik "
            "een persoonlijke gebruikersnaam, bijvoorbeeld j.jansen."
        )
    elif db.session.scalar(sa.select(User.id).where(sa.func.lower(User.username) == username)):
        errors["username"] = "Deze gebruikersnaam is al in gebruik."
    words = full_name.split()
    if (
        len(words) < 2
        or any(c.isdigit() for c in full_name)
        or sum(c.isalpha() for c in words[-1]) < 2
    ):
        errors["full_name"] = "Vul de voornaam en achternaam van de medewerker in."
    elif looks_shared(full_name):
        errors["full_name"] = (
            "Dit lijkt de naam van een team of balie. Een account is van één persoon: vul de "
            "naam van de medewerker in."
        )
    if email and not EMAIL.match(email):
        errors["email"] = "Vul een geldig e-mailadres in, bijvoorbeeld j.jansen@gemeente.nl."
    elif email and looks_shared(email.split("@")[0]):
        errors["email"] = (
            "Gebruik het persoonlijke e-mailadres van de medewerker, geen gedeeld adres."
        )
    return errors


def _checked_roles(roles: Iterable[str], *, of_partner: bool = False) -> set[str]:
    """The roles asked for; a partner organisation's account holds the partner role only, and
    staff never hold it (partner staff see no case, staff see no partner's pages)."""
    known = {r.value for r in Role}
    chosen = set(roles)
    if not chosen <= known:
        raise InvalidData({"roles": "Kies alleen rollen uit de lijst."})
    if of_partner and chosen != {Role.PARTNER.value}:
        raise InvalidData(
            {
                "roles": "Een account van een partnerorganisatie heeft alleen de rol "
                f"{Role.PARTNER.label.lower()}."
            }
        )
    if not of_partner and Role.PARTNER.value in chosen:
        raise InvalidData(
            {
                "roles": f"De rol {Role.PARTNER.label.lower()} hoort alleen bij een account dat "
                "een beheerder bij een partnerorganisatie aanmaakt (Beheer, Partners)."
            }
        )
    return chosen


def _label(role: str) -> str:
    return Role(role).label


def create_account(
    actor: User,
    *,
    username: str,
    full_name: str,
    email: str,
    password: str,
    roles: Iterable[str],
    municipality_ids: Iterable[int],
    team_ids: Iterable[int],
    origin: str | None,
    partner_organisation: "PartnerOrganisation | None" = None,
) -> User:
    username, full_name, email = (
        username.strip().lower(),
        " ".join(full_name.split()),
        email.strip(),
    )
    authorise(actor, None, "account_aangemaakt", username, origin)
    chosen_roles = _checked_roles(roles, of_partner=partner_organisation is not None)
    if partner_organisation is not None and set(team_ids):
        raise InvalidData(
            {"team_ids": "Een account van een partnerorganisatie hoort bij geen team."}
        )
    municipalities, teams = _scope_choices(
        actor, None, set(municipality_ids), set(team_ids), origin
    )
    errors = _account_errors(username, full_name, email)
    if problems := password_problems(password, username):
        errors["password"] = " ".join(problems)
    if not municipalities:
        errors["municipality_ids"] = "Kies minstens één gemeente."
    if errors:
        raise InvalidData(errors)
    user = User(
        username=username,
        full_name=full_name,
        email=email or None,
        password_hash=generate_password_hash(password),
        must_change_password=True,
        role_rows=[UserRole(role=r) for r in sorted(chosen_roles)],
        municipalities=municipalities,
        teams=teams,
        partner_organisation=partner_organisation,
    )
    db.session.add(user)
    db.session.flush()
    of = f", {partner_organisation.name}" if partner_organisation is not None else ""
    record_change(actor, user, "account_aangemaakt", f"{username} ({full_name}{of})", origin=origin)
    _log_each(actor, user, "rol_toegekend", [_label(r) for r in sorted(chosen_roles)], origin)
    _log_each(actor, user, "gemeente_toegevoegd", [m.name for m in municipalities], origin)
    _log_each(actor, user, "team_toegevoegd", [t.name for t in teams], origin)
    db.session.flush()
    return user


def _log_each(
    actor: User, subject: User, action: str, details: list[str], origin: str | None
) -> None:
    for detail in details:
        record_change(actor, subject, action, detail, origin=origin)


def _scope_choices(
    actor: User,
    subject: User | None,
    municipality_ids: set[int],
    team_ids: set[int],
    origin: str | None,
) -> tuple[list[Municipality], list[Team]]:
    """The municipalities and teams asked for; asking for one outside the scope is refused."""
    allowed_municipalities = {m.id: m for m in administered(actor)}
    allowed_teams = {t.id: t for t in manageable_teams(actor)}
    outside = (municipality_ids - set(allowed_municipalities)) or (team_ids - set(allowed_teams))
    if outside:
        detail = "gemeente of team buiten eigen beheer"
        record_refusal(actor, subject, "gemeente_toegevoegd", detail, origin)
        raise NotAuthorised("U kunt alleen gemeenten en teams toekennen die u zelf beheert.")
    return (
        [allowed_municipalities[i] for i in sorted(municipality_ids)],
        [allowed_teams[i] for i in sorted(team_ids)],
    )


def change_rights(
    actor: User,
    subject: User,
    *,
    roles: Iterable[str],
    municipality_ids: Iterable[int],
    team_ids: Iterable[int],
    origin: str | None,
) -> int:
    """Make the user's roles, and their municipalities and teams within the actor's scope, what
    was asked; the rest of their scope stays. Returns how many changes were logged."""
    authorise(actor, subject, "rol_toegekend", "rechten wijzigen", origin)
    wanted_roles = _checked_roles(roles, of_partner=subject.works_for_partner)
    if wanted_roles != subject.roles:
        detail = "rollen " + ", ".join(_label(r) for r in sorted(wanted_roles))
        authorise(actor, subject, "rol_toegekend", detail, origin, whole_account=True)
    municipalities, teams = _scope_choices(
        actor, subject, set(municipality_ids), set(team_ids), origin
    )
    own_municipalities = administered_ids(actor)
    own_teams = {t.id for t in manageable_teams(actor)}
    kept_municipalities = [m for m in subject.municipalities if m.id not in own_municipalities]
    kept_teams = [t for t in subject.teams if t.id not in own_teams]
    if not kept_municipalities and not municipalities:
        raise InvalidData(
            {
                "municipality_ids": "Een account hoort bij minstens één gemeente. Zet het account "
                "op inactief als de medewerker stopt."
            }
        )
    log = _Diff(actor, subject, origin)
    log.compare(
        "rol_toegekend",
        "rol_ingetrokken",
        {r: _label(r) for r in subject.roles},
        {r: _label(r) for r in wanted_roles},
    )
    log.compare(
        "gemeente_toegevoegd",
        "gemeente_verwijderd",
        {str(m.id): m.name for m in subject.municipalities},
        {str(m.id): m.name for m in [*kept_municipalities, *municipalities]},
    )
    log.compare(
        "team_toegevoegd",
        "team_verwijderd",
        {str(t.id): t.name for t in subject.teams},
        {str(t.id): t.name for t in [*kept_teams, *teams]},
    )
    subject.role_rows = [row for row in subject.role_rows if row.role in wanted_roles] + [
        UserRole(role=r) for r in sorted(wanted_roles - subject.roles)
    ]
    subject.municipalities = sorted([*kept_municipalities, *municipalities], key=lambda m: m.name)
    subject.teams = sorted([*kept_teams, *teams], key=lambda t: t.name)
    db.session.flush()
    return log.count


class _Diff:
    """Logs one row per item added or removed between two {key: label} maps."""

    def __init__(self, actor: User, subject: User, origin: str | None) -> None:
        self.actor, self.subject, self.origin = actor, subject, origin
        self.count = 0

    def compare(
        self, added: str, removed: str, before: dict[str, str], after: dict[str, str]
    ) -> None:
        for action, keys, labels in (
            (added, set(after) - set(before), after),
            (removed, set(before) - set(after), before),
        ):
            for key in sorted(keys, key=lambda k: labels[k]):
                record_change(self.actor, self.subject, action, labels[key], origin=self.origin)
                self.count += 1


def set_active(actor: User, subject: User, active: bool, origin: str | None) -> bool:
    """Activate or deactivate an account; False when it already was so (nothing logged)."""
    action = "geactiveerd" if active else "gedeactiveerd"
    authorise(actor, subject, action, "", origin, whole_account=True)
    if subject.active == active:
        return False
    subject.active = active
    record_change(actor, subject, action, "actief" if active else "inactief", origin=origin)
    db.session.flush()
    return True


def reset_password(actor: User, subject: User, password: str, origin: str | None) -> None:
    """A new initial password that the user must change at their next login; it also lifts a
    lockout, as the lockout message sends people to the beheerder."""
    authorise(actor, subject, "wachtwoord_reset", "", origin, whole_account=True)
    if problems := password_problems(password, subject.username):
        raise InvalidData({"password": " ".join(problems)})
    subject.password_hash = generate_password_hash(password)
    subject.must_change_password = True
    lift(subject.username)
    record_change(
        actor, subject, "wachtwoord_reset", "moet bij volgende login wijzigen", origin=origin
    )
    db.session.flush()


def set_team_membership(
    actor: User, member: User, team: Team, *, present: bool, origin: str | None
) -> bool:
    """Put someone in a team or take them out: team membership decides which cases they see,
    so it is a change of rights like any other. False when nothing changed (nothing logged)."""
    action = "team_toegevoegd" if present else "team_verwijderd"
    authorise(actor, member, action, team.name, origin)
    if team.id not in {t.id for t in manageable_teams(actor)}:
        record_refusal(actor, member, action, f"{team.name}: team buiten eigen beheer", origin)
        raise NotAuthorised("U kunt alleen teams beheren van gemeenten die u zelf beheert.")
    if (member in team.members) == present:
        return False
    if present:
        team.members.append(member)
    else:
        team.members.remove(member)
    record_change(actor, member, action, team.name, origin=origin)
    db.session.flush()
    return True


def change_own_password(
    user: User, current: str, new: str, repeat: str, origin: str | None
) -> None:
    """The user's own change; a wrong current password counts towards the login lockout."""
    if is_locked(user.username, origin):
        raise InvalidData(
            {"current": "Te veel mislukte pogingen. Wacht een kwartier en probeer het opnieuw."}
        )
    if not check_password_hash(user.password_hash, current):
        record_failure(user.username, origin)
        raise InvalidData({"current": "Het huidige wachtwoord klopt niet."})
    errors: dict[str, str] = {}
    if problems := password_problems(new, user.username):
        errors["new"] = " ".join(problems)
    elif new == current:
        errors["new"] = "Kies een ander wachtwoord dan het huidige."
    if new != repeat:
        errors["repeat"] = "De twee nieuwe wachtwoorden zijn niet gelijk."
    if errors:
        raise InvalidData(errors)
    user.password_hash = generate_password_hash(new)
    user.must_change_password = False
    record_change(user, user, "wachtwoord_gewijzigd", "", origin=origin)
    db.session.flush()
