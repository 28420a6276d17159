"""What the test identity provider states about a person."""


def userinfo(claims, user):
    """Name and address of the Django user; the provider vouches for the address."""
    claims["name"] = user.get_full_name()
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["preferred_username"] = user.username
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims
