"""Password rules: long enough, not trivially guessable, not the user name."""

MIN_LENGTH = 12
COMMON = frozenset(
    {"wachtwoord123", "welkom123456", "password1234", "qwertyuiop12", "123456789012"}
)


def password_problems(password: str, username: str = "") -> list[str]:
    """Dutch reasons why `password` is not acceptable; empty when it is."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Gebruik minstens {MIN_LENGTH} tekens.")
    if password.lower() in COMMON or len(set(password)) < 5:
        problems.append("Dit wachtwoord is te makkelijk te raden.")
    if username and username.lower() in password.lower():
        problems.append("Het wachtwoord mag uw gebruikersnaam niet bevatten.")
    return problems
