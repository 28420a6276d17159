from search.analysis import index_terms, parse_query


def terms_of(text):
    return set(index_terms(text))


def test_plural_and_singular_share_a_stem():
    assert terms_of("Schulen") & terms_of("Schule")


def test_umlaut_and_its_spelling_with_e_meet():
    assert terms_of("Duelmen") == terms_of("Dülmen")


def test_sharp_s_and_double_s_meet():
    assert terms_of("Strasse") == terms_of("Straße")


def test_a_compound_is_indexed_with_its_parts():
    assert terms_of("Strategie") <= terms_of("Digitalisierungsstrategie")


def test_a_compound_with_a_linking_s_yields_its_head():
    assert terms_of("Glasfaser") <= terms_of("Glasfaserausbau")


def test_a_compound_is_searched_as_the_phrase_of_all_its_parts():
    assert parse_query("ursprünglich").should[0].alternatives == (
        ("ursprung",),
        ("ursprung", "lich"),
    )


def test_stop_words_are_not_indexed():
    assert index_terms("der die das und") == []


def test_a_quoted_phrase_is_required():
    assert parse_query('"digitale Schule"').must[0].alternatives == (("digital", "schul"),)


def test_a_minus_excludes_a_word():
    assert parse_query("Glasfaser -Förderung").must_not == (("forder",),)


def test_a_lone_minus_and_operators_parse_to_nothing():
    assert parse_query("- AND OR NOT * : ^").is_empty


def test_synonyms_become_alternatives_of_a_word():
    synonyms = {("ozg",): (("onlinezugangsgesetz",),)}
    clause = parse_query("OZG", synonyms).should[0]
    assert ("onlinezugangsgesetz",) in clause.alternatives


def test_a_hyphenated_synonym_is_matched_as_a_whole():
    synonyms = {("kfzzulass",): (("autoanmeld",),)}
    assert parse_query("Kfz-Zulassung", synonyms).should[0].alternatives == (
        ("kfzzulass",),
        ("kfz", "zulass"),
        ("autoanmeld",),
    )
