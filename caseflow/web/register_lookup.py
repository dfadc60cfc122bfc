"""Filling the new-person part of the intake from the base registers: the front door types a
BSN, or a postcode and house number, and asks the BRP or the BAG for the rest. Each value that
came from a register is marked with its source beside the field; the worker can still change it.
Asking the BRP about someone is a processing of personal data and is logged."""

from collections.abc import Mapping

from flask import request

from caseflow.access_log import record
from caseflow.models import User
from caseflow.registers.lookup import (
    RegisterUnavailable,
    address_by_postcode,
    person_by_bsn,
)
from caseflow.web.forms import IntakeForm

Sources = dict[str, str]  # form field name -> where its value came from
Errors = list[tuple[str | None, str]]


def fill_from_register(form: IntakeForm, register: str, me: User) -> tuple[Sources, Errors]:
    try:
        if register == "brp":
            return _from_brp(form, me)
        return _from_bag(form)
    except RegisterUnavailable as unavailable:
        return {}, [(None, unavailable.message)]


def _from_brp(form: IntakeForm, me: User) -> tuple[Sources, Errors]:
    bsn = (form.bsn.data or "").strip()
    if not form.bsn.validate(form) or not bsn:
        return {}, [(form.bsn.id, form.bsn.errors[0] if form.bsn.errors else "Vul het BSN in.")]
    found = person_by_bsn(bsn)
    record(me, "view", "hulpvraag: BRP geraadpleegd op BSN", origin=request.remote_addr)
    if found is None:
        return {}, [(form.bsn.id, "De BRP kent geen inwoner met dit BSN. Vul de gegevens zelf in.")]
    values = {
        "given_names": found.given_names,
        "family_name": found.family_name,
        "street": found.street,
        "house_number": found.house_number,
        "postcode": found.postcode,
    }
    sources = _fill(form, values, found.source)
    if found.date_of_birth is not None:
        form.date_of_birth.process(None, found.date_of_birth)
        sources["date_of_birth"] = found.source
    return sources, []


def _from_bag(form: IntakeForm) -> tuple[Sources, Errors]:
    postcode, number = (form.postcode.data or "").strip(), (form.house_number.data or "").strip()
    if not postcode or not number or not form.postcode.validate(form):
        message = form.postcode.errors[0] if form.postcode.errors else None
        return {}, [(form.postcode.id, message or "Vul de postcode en het huisnummer in.")]
    found = address_by_postcode(postcode, number)
    if found is None:
        return {}, [(form.postcode.id, "De BAG kent dit adres niet. Vul het adres zelf in.")]
    values = {
        "street": found.street,
        "house_number": found.house_number,
        "postcode": found.postcode,
    }
    return _fill(form, values, found.source), []


def _fill(form: IntakeForm, values: Mapping[str, str | None], source: str) -> Sources:
    sources: Sources = {}
    for name, value in values.items():
        if value:
            form[name].data = value
            sources[name] = source
    return sources
