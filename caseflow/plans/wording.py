"""Plain Dutch (B1) for the plan the household takes home."""

B1_DOMAINS = {
    "financien": "Geld en rekeningen",
    "werk_opleiding": "Werk en school",
    "tijdsbesteding": "Wat u overdag doet",
    "huisvesting": "Wonen",
    "huiselijke_relaties": "Samen thuis: relaties en opvoeding",
    "geestelijke_gezondheid": "Hoe u zich voelt",
    "lichamelijke_gezondheid": "Uw lichaam en gezondheid",
    "middelengebruik": "Alcohol, drugs en medicijnen",
    "basale_adl": "Voor uzelf zorgen: wassen, aankleden, eten",
    "instrumentele_adl": "Het huishouden: boodschappen, koken, schoonmaken",
    "sociaal_netwerk": "Familie, vrienden en buren",
    "maatschappelijke_participatie": "Meedoen in de buurt",
    "justitie": "Politie en justitie",
}

B1_SCORES = {
    1: "Het gaat heel slecht. Er moet nu iets gebeuren.",
    2: "Het lukt niet zonder hulp.",
    3: "Het lukt een beetje, met hulp.",
    4: "Het lukt bijna helemaal zelf.",
    5: "Het lukt helemaal zelf.",
}
