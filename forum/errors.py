class PostingError(Exception):
    """Why something cannot be posted or done in the forum, in words for the member."""
