"""What each role may do, as named permissions: the one table code asks instead of role lists.

Code asks `user.may(ASSIGN_CASES)`, never which roles a user has, so who may do what can be read,
reviewed and changed here. What a transition needs stays in its YAML (`roles`); which cases and
clients a user sees is decided by `caseflow.scope`, which asks these permissions too.
docs/security.md shows this table (`flask --app caseflow permissions-reference --write`).
"""

from dataclasses import dataclass

from caseflow.models.organisation import Role


@dataclass(frozen=True)
class Permission:
    name: str
    description: str
    roles: frozenset[Role]


def _permission(name: str, description: str, *roles: Role) -> Permission:
    permission = Permission(name, description, frozenset(roles))
    ALL.append(permission)
    return permission


ALL: list[Permission] = []

WORK_ON_CASES = _permission(
    "werken_aan_zaken",
    "Zaken van de eigen teams zien, werkvoorraden en signalen, incidenten melden",
    Role.TOEGANG,
    Role.CONSULENT,
    Role.REGISSEUR,
    Role.TEAMMANAGER,
    Role.JURIST,
    Role.KLACHTENCOORDINATOR,
)
HANDLE_CASES = _permission(
    "zaken_behandelen",
    "Een zaak oppakken en behandelen; staat in caseloadlijsten, kan eigenaar van een actie zijn",
    Role.TOEGANG,
    Role.CONSULENT,
    Role.REGISSEUR,
    Role.JURIST,
    Role.KLACHTENCOORDINATOR,
)
ASSIGN_CASES = _permission(
    "zaken_toewijzen",
    "Een zaak toewijzen, overdragen of teruggeven, altijd met een reden",
    Role.TEAMMANAGER,
)
SEND_LETTERS = _permission(
    "brieven_versturen",
    "De brief van een stap bekijken, er een persoonlijke alinea aan toevoegen en hem versturen",
    Role.TOEGANG,
    Role.CONSULENT,
    Role.REGISSEUR,
    Role.JURIST,
    Role.KLACHTENCOORDINATOR,
)
ADD_DOCUMENTS = _permission(
    "documenten_toevoegen",
    "Een document (aanvraag, bewijsstuk, advies) bij een zaak van de eigen teams opslaan",
    Role.TOEGANG,
    Role.CONSULENT,
    Role.REGISSEUR,
    Role.TEAMMANAGER,
)
REGISTER_REQUESTS = _permission(
    "hulpvragen_registreren", "Een nieuwe hulpvraag vastleggen", Role.TOEGANG, Role.CONSULENT
)
FIND_ANY_CLIENT = _permission(
    "alle_inwoners_zoeken",
    "Elke inwoner van de eigen gemeenten vinden (om niet twee keer te vragen)",
    Role.TOEGANG,
    Role.KWALITEIT,
)
SEARCH_CLIENTS = _permission(
    "zoeken",
    "Inwoners en zaken zoeken in de kopbalk (binnen wat de gebruiker mag zien)",
    Role.TOEGANG,
    Role.CONSULENT,
    Role.REGISSEUR,
    Role.TEAMMANAGER,
    Role.KWALITEIT,
    Role.JURIST,
    Role.KLACHTENCOORDINATOR,
)
REVIEW_ALL_CASES = _permission(
    "alle_zaken_toetsen",
    "Elke zaak van de eigen gemeenten lezen voor kwaliteitstoetsing (gevoelige zaken niet)",
    Role.KWALITEIT,
)
DIRECT_HOUSEHOLDS = _permission(
    "regie_voeren", "Regisseur zijn van een huishouden en diens gezinsplan", Role.REGISSEUR
)
TRIAGE_REGISTRATIONS = _permission(
    "aanmeldingen_wegen",
    "Aanmeldingen bij het gebiedsteam wegen en het regie-overzicht zien",
    Role.REGISSEUR,
    Role.TEAMMANAGER,
)
LEAD_TEAMS = _permission(
    "team_leiden",
    "Regisseurs aanwijzen, elk gezinsplan van het team bijwerken, teamsignalen en de caseload "
    "zien, incidenten van cliënten van het team lezen, veiligheidsvlaggen verlengen",
    Role.TEAMMANAGER,
)
READ_REPORTS = _permission(
    "rapportages_lezen",
    "Rapportages van de eigen gemeenten lezen (teammanager: van de eigen teams)",
    Role.TEAMMANAGER,
    Role.KWALITEIT,
    Role.BEHEERDER,
    Role.GEMEENTE,
)
READ_WHOLE_MUNICIPALITY = _permission(
    "gemeente_rapportages_lezen",
    "Rapportages over de hele gemeente lezen, niet alleen over de eigen teams",
    Role.KWALITEIT,
    Role.BEHEERDER,
    Role.GEMEENTE,
)
LIST_REPORTED_CASES = _permission(
    "rapportagezaken_inzien",
    "Achter een rapportagecijfer de zaken en de cijfers per medewerker zien",
    Role.TEAMMANAGER,
    Role.KWALITEIT,
)
WRITE_REPORTS = _permission(
    "rapportages_toelichten",
    "Bij een rapportage van de eigen gemeenten de toelichting en speciale opdrachten schrijven en "
    "de handmatige DVO-cijfers invullen",
    Role.TEAMMANAGER,
    Role.KWALITEIT,
)
ISSUE_REPORTS = _permission(
    "rapportages_uitgeven",
    "Een bestuursrapportage, jaarverantwoording of maandrapportage uitgeven aan de gemeente "
    "(daarna onveranderlijk; een correctie is een nieuwe versie)",
    Role.KWALITEIT,
)
ADMINISTER = _permission(
    "beheren",
    "Gebieden, teams, gebruikers, normen, brieven en de jaarlijkse herziening van rechten beheren",
    Role.BEHEERDER,
)
READ_PROCESSING_LOG = _permission(
    "verwerkingenlog_inzien", "Het verwerkingenlog per inwoner doorzoeken", Role.PRIVACY
)
OVERSEE_RETENTION = _permission(
    "bewaartermijnen_inzien",
    "De lijst van zaken voorbij hun bewaartermijn zien (zonder persoonsgegevens)",
    Role.PRIVACY,
    Role.BEHEERDER,
)
DESTROY_CASES = _permission(
    "zaken_vernietigen", "Een zaak voorbij haar bewaartermijn vernietigen", Role.PRIVACY
)
RECORD_CONTACTS = _permission(
    "contactmomenten_vastleggen",
    "Een contactmoment (telefoon, huisbezoek, brief, e-mail, overleg) vastleggen bij een inwoner "
    "of een zaak die men mag zien",
    Role.TOEGANG,
    Role.CONSULENT,
    Role.REGISSEUR,
    Role.TEAMMANAGER,
)
ASK_INFORMATION = _permission(
    "informatie_opvragen",
    "Voor een gezinsplan een gerichte vraag stellen aan een partner of aan een consulent van een "
    "ander domein, met een wettelijke grondslag of toestemming; alleen het antwoord komt terug",
    Role.CONSULENT,
    Role.REGISSEUR,
)
MANAGE_PARTNERS = _permission(
    "partners_beheren",
    "Partnerorganisaties en de accounts van hun medewerkers vastleggen",
    Role.BEHEERDER,
)
WORK_FOR_PARTNER = _permission(
    "partneracties_bijwerken",
    "Als medewerker van een partnerorganisatie alleen de acties zien en bijwerken die de eigen "
    "organisatie kreeg, zolang het huishouden daarvoor toestemming geeft; vragen aan de "
    "organisatie beantwoorden. Geen zaken, dossiers of andere acties",
    Role.PARTNER,
)

MANAGE_CATALOGUE = _permission(
    "productcatalogus_beheren",
    "De productcatalogus, de aanbieders en per gemeente de termijn voor herindicatie en de "
    "grenzen voor stapeling beheren",
    Role.BEHEERDER,
)
CHANGE_REGISTERS = _permission(
    "voorzieningen_en_uitkeringen_wijzigen",
    "Een herindicatie starten, een voorziening eerder beëindigen, een uitkering muteren of "
    "beëindigen (altijd gedateerd en met een reden)",
    Role.CONSULENT,
    Role.TEAMMANAGER,
)

REGISTER_OBJECTIONS = _permission(
    "bezwaren_registreren",
    "Een bezwaarschrift registreren tegen een besluit van de eigen gemeenten",
    Role.TOEGANG,
    Role.CONSULENT,
    Role.JURIST,
)
HANDLE_OBJECTIONS = _permission(
    "bezwaren_behandelen",
    "Elk bezwaar- en beroepschrift van de eigen gemeenten behandelen en het bestreden besluit "
    "lezen",
    Role.JURIST,
)
REGISTER_COMPLAINTS = _permission(
    "klachten_registreren",
    "Een klacht over de behandeling door de organisatie registreren (Awb 9:1)",
    Role.TOEGANG,
    Role.CONSULENT,
    Role.REGISSEUR,
    Role.TEAMMANAGER,
    Role.KWALITEIT,
    Role.JURIST,
    Role.KLACHTENCOORDINATOR,
)
HANDLE_COMPLAINTS = _permission(
    "klachten_behandelen",
    "Elke klacht van de eigen gemeenten behandelen en de zaak lezen waar zij over gaat",
    Role.KLACHTENCOORDINATOR,
)

REVIEW_QUALITY = _permission(
    "kwaliteit_toetsen",
    "Een steekproef van besluiten trekken, de checklist doorlopen en bevindingen met hun oorzaak "
    "vastleggen",
    Role.KWALITEIT,
)


def permissions_of(roles: frozenset[str]) -> list[Permission]:
    return [p for p in ALL if not p.roles.isdisjoint(roles)]
