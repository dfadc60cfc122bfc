"""Blueprints of the web app, the navigation and the Jinja filters they share."""

from datetime import datetime

from flask import Flask, current_app
from flask_login import current_user

from caseflow import clock
from caseflow.models import Role
from caseflow.permissions import (
    ADMINISTER,
    HANDLE_CASES,
    LEAD_TEAMS,
    MANAGE_CATALOGUE,
    MANAGE_PARTNERS,
    OVERSEE_RETENTION,
    READ_PROCESSING_LOG,
    READ_REPORTS,
    REGISTER_COMPLAINTS,
    REGISTER_OBJECTIONS,
    REGISTER_REQUESTS,
    REVIEW_QUALITY,
    TRIAGE_REGISTRATIONS,
    WORK_FOR_PARTNER,
    WORK_ON_CASES,
)

# (endpoint, label, the permission that shows it); an entry shows only when its blueprint is
# registered.
NAVIGATION = [
    ("worklist.mine", "Mijn werkvoorraad", WORK_ON_CASES),
    ("worklist.team", "Teamwerkvoorraad", WORK_ON_CASES),
    ("intake.new", "Nieuwe hulpvraag", REGISTER_REQUESTS),
    ("signals.inbox", "Signalen", WORK_ON_CASES),
    ("registers.herindicaties_page", "Herindicaties", WORK_ON_CASES),
    ("plan_effects.overview", "Effecten gezinsplannen", READ_REPORTS),
    ("plan_cohorts.index", "Cohorten", LEAD_TEAMS),
    ("objections.new", "Bezwaar registreren", REGISTER_OBJECTIONS),
    ("complaints.new", "Klacht registreren", REGISTER_COMPLAINTS),
    ("quality.index", "Kwaliteitstoetsing", REVIEW_QUALITY),
    ("reports.dashboard", "Rapportages", READ_REPORTS),
    ("incident_counts.overview", "Incidenten", LEAD_TEAMS),
    ("privacy.search", "Verwerkingenlog", READ_PROCESSING_LOG),
    ("retention.due_page", "Bewaartermijnen", OVERSEE_RETENTION),
    ("triage.queue_page", "Aanmeldingen gebiedsteam", TRIAGE_REGISTRATIONS),
    ("regie.overview_page", "Regie", TRIAGE_REGISTRATIONS),
    ("requests.inbox_page", "Vragen aan mij", HANDLE_CASES),
    ("partners.home", "Acties van mijn organisatie", WORK_FOR_PARTNER),
    ("admin.areas_page", "Gebieden", ADMINISTER),
    ("catalogue.page", "Productcatalogus", MANAGE_CATALOGUE),
    ("users.index", "Gebruikers", ADMINISTER),
    ("partner_admin.index", "Partners", MANAGE_PARTNERS),
    ("rights_review.report", "Herziening rechten", ADMINISTER),
    ("letter_admin.index", "Brieven", ADMINISTER),
]


def nav_items() -> list[tuple[str, str]]:
    if not current_user.is_authenticated:
        return []
    return [
        (endpoint, label)
        for endpoint, label, permission in NAVIGATION
        if endpoint in current_app.view_functions and current_user.may(permission)
    ]


def local_time(moment: datetime | None) -> str:
    return clock.to_local(moment).strftime("%d-%m-%Y %H:%M") if moment else "–"


def duration(seconds: int) -> str:
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} d {hours} u"
    if hours:
        return f"{hours} u {minutes} min"
    return f"{minutes} min"


def role_label(role: str) -> str:
    return Role(role).label if role in Role.__members__.values() else role


def register_blueprints(app: Flask) -> None:
    from caseflow.web.ids import bound_route_ids

    bound_route_ids(app)
    from caseflow.web import (
        auth,
        cases,
        dossier,
        health,
        intake,
        privacy,
        retention,
        search,
        worklist,
    )

    for module in (health, auth, worklist, cases, intake, dossier, privacy, retention, search):
        app.register_blueprint(module.bp)
    auth.init_login(app)
    from caseflow.web import signals

    app.register_blueprint(signals.bp)
    from caseflow.web import reports

    app.register_blueprint(reports.bp)
    from caseflow.web import admin, plan_steps, plans, regie, triage

    for module in (triage, regie, plans, plan_steps, admin):
        app.register_blueprint(module.bp)
    from caseflow.web import (
        contacts,
        partner_admin,
        partners,
        plan_cohorts,
        plan_consent,
        plan_effects,
        plan_household,
        requests,
    )

    for module in (
        plan_household,
        plan_consent,
        plan_effects,
        plan_cohorts,
        contacts,
        requests,
        partners,
        partner_admin,
    ):
        app.register_blueprint(module.bp)
    from caseflow.web import account, rights_review, users

    for module in (users, rights_review, account):
        app.register_blueprint(module.bp)
    from caseflow.web import (
        catalogue,
        decisions,
        documents,
        letter_admin,
        letters,
        registers,
        themes,
    )

    for module in (letters, documents, letter_admin, themes, decisions, registers, catalogue):
        app.register_blueprint(module.bp)
    account.init_password_gate(app)
    from caseflow.web.objections import init_objection_pages

    init_objection_pages(app)
    from caseflow.web.appeals import init_appeal_pages

    init_appeal_pages(app)
    from caseflow.web.complaints import init_complaint_pages

    init_complaint_pages(app)
    from caseflow.web.survey import init_survey_pages

    init_survey_pages(app)
    from caseflow.web.phone_survey import init_phone_survey

    init_phone_survey(app)
    from caseflow.web.quality import init_quality_pages

    init_quality_pages(app)
    from caseflow.web.incident_counts import init_incident_counts

    init_incident_counts(app)
    from caseflow.web.boundary import init_request_boundary

    init_request_boundary(app)
    # After the boundary: a refused partner request is logged in the request's unit of work.
    partners.init_partner_confinement(app)
    app.jinja_env.globals["nav_items"] = nav_items
    app.jinja_env.globals["search_box_shown"] = search.search_box_shown
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.filters["duration"] = duration
    app.jinja_env.filters["role_label"] = role_label
