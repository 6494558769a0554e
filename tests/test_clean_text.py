"""The line cleaner on text pages.  Every page here is invented by the team."""

from __future__ import annotations

import pytest

from sitrep.clean import clean_document
from sitrep.clean.classify import byline_names, related_link
from sitrep.clean.credits import credit_line, split_credit
from sitrep.clean.lexicon import load_lexicon, phrase_key
from sitrep.clean.lines import is_sentence_like, split_lines
from sitrep.clean.text import clean_text
from sitrep.config import Config
from sitrep.errors import EmptyInputError
from sitrep.records import Article, RawDocument

FRENCH_PAGE = """Accueil
International
En direct
A suivre

Crue historique : la Garonne déborde à Toulouse

Des habitants du quartier Saint-Cyprien évacués en barque mardi matin. [CLAIRE MOREAU / AFP]

Par Julien Castel
Publié le 12/03/2021 à 08h15

La Garonne est montée de plus de quatre mètres en une nuit, obligeant la préfecture à évacuer 600 habitants.

Les pompiers ont mené plus de 120 interventions depuis lundi soir, selon un communiqué de la préfecture.

A lire aussi : Les digues de la Garonne jugées fragiles par un rapport

Une décrue attendue jeudi

Météo-France prévoit une baisse lente du niveau de l'eau à partir de jeudi, mais de nouvelles pluies sont annoncées.

Lire aussi : Le maire demande l'état de catastrophe naturelle

Facebook Twitter E-mail

Les plus lus
Un festival de jazz annulé faute de bénévoles
Le prix de l'essence repart à la hausse
"""

ENGLISH_PAGE = """Skip to main content
Menu
Live

Floods cut off three villages in the northern valley

By Hannah Price
Updated 10:32 GMT

Rescue boats reached the village of Millbrook on Tuesday after the river burst its banks overnight, officials said.

Advertisement

About 300 people spent the night in the school gym, which the council turned into a shelter within hours.

A volunteer hands out blankets at the shelter. (Photo: Reuters)

Read more: How the valley's flood defences were built

Roads reopen slowly

The county expects the main road to reopen by Friday if the water keeps falling at the current rate.

Sign up for our newsletter
Most read
Council approves new cycle lanes
Local team wins the regional cup
"""


def clean(text: str, lang: str | None = "fr", doc_id: str = "t") -> Article:
    return clean_text(RawDocument(id=doc_id, text=text, language=lang, origin=doc_id), Config())


def assert_spans_match(article: Article) -> None:
    for block in article.blocks:
        if block.span is not None:
            assert block.span.of(article.text) == block.text


# -- French page ------------------------------------------------------------------------


def test_french_page_title_credit_related_and_chrome():
    article = clean(FRENCH_PAGE)
    assert article.title == "Crue historique : la Garonne déborde à Toulouse"
    assert article.credits == ("CLAIRE MOREAU / AFP",)
    assert article.related == (
        "Les digues de la Garonne jugées fragiles par un rapport",
        "Le maire demande l'état de catastrophe naturelle",
    )
    assert article.author == "Julien Castel"
    for chrome in ("Accueil", "En direct", "A suivre", "CLAIRE MOREAU", "A lire aussi", "Lire aussi",
                   "Publié le", "Par Julien", "Facebook", "Les plus lus", "festival de jazz", "prix de l'essence"):
        assert chrome not in article.text, chrome
    for body in ("Des habitants du quartier Saint-Cyprien évacués en barque mardi matin.",
                 "La Garonne est montée de plus de quatre mètres",
                 "Une décrue attendue jeudi",
                 "mais de nouvelles pluies sont annoncées."):
        assert body in article.text, body
    assert_spans_match(article)


def test_french_page_blocks_in_page_order():
    article = clean(FRENCH_PAGE)
    kept = [(b.kind, b.text[:20]) for b in article.blocks if b.span is not None]
    assert kept[0] == ("title", "Crue historique : la")
    assert kept[1] == ("caption", "Des habitants du qua")
    assert ("subheading", "Une décrue attendue ") in kept
    assert [b.kind for b in article.blocks].count("credit") == 1
    # the title stays in the text of a text page, first
    assert article.text.startswith("Crue historique")
    starts = [b.span.start for b in article.blocks if b.span is not None]
    assert starts == sorted(starts)


def test_caption_keeps_its_words_without_the_credit():
    article = clean(FRENCH_PAGE)
    caption = next(b for b in article.blocks if b.kind == "caption")
    assert caption.text == "Des habitants du quartier Saint-Cyprien évacués en barque mardi matin."


# -- English page -----------------------------------------------------------------------


def test_english_page():
    article = clean(ENGLISH_PAGE, lang="en")
    assert article.title == "Floods cut off three villages in the northern valley"
    assert article.credits == ("Photo: Reuters",)
    assert article.related == ("How the valley's flood defences were built",)
    assert article.author == "Hannah Price"
    for chrome in ("Skip to", "Menu", "Live", "Advertisement", "Read more", "Sign up", "Most read",
                   "cycle lanes", "regional cup", "Updated 10:32"):
        assert chrome not in article.text, chrome
    for body in ("Rescue boats reached the village of Millbrook", "Roads reopen slowly",
                 "A volunteer hands out blankets at the shelter.", "if the water keeps falling"):
        assert body in article.text, body
    assert_spans_match(article)


def test_language_unknown_uses_every_list():
    article = clean(ENGLISH_PAGE, lang=None)
    assert "Advertisement" not in article.text
    assert article.title == "Floods cut off three villages in the northern valley"


# -- clean input, line ends, edge cases -------------------------------------------------


def test_clean_text_comes_back_unchanged():
    text = ("Le conseil municipal a voté lundi un budget de 12 millions d'euros pour la rénovation des écoles.\n"
            "L'opposition a dénoncé un calendrier trop serré, selon son porte-parole.\n")
    article = clean(text)
    assert article.text == text
    assert article.credits == () and article.related == ()
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph"]
    assert_spans_match(article)


def test_single_line_text_unchanged():
    text = "The ministry said on Monday that 40 trucks of food had crossed the border since Friday."
    article = clean(text, lang="en")
    assert article.text == text
    assert article.blocks[0].kind == "paragraph"


def test_windows_line_endings():
    page = FRENCH_PAGE.replace("\n", "\r\n")
    article = clean(page)
    assert "\r" not in article.text
    assert article.title == "Crue historique : la Garonne déborde à Toulouse"
    assert article.text == clean(FRENCH_PAGE).text
    assert_spans_match(article)


def test_clean_text_with_windows_line_endings_only_changes_line_ends():
    text = "Premier paragraphe du texte, sans aucun menu.\r\nSecond paragraphe, tout aussi sobre.\r\n"
    assert clean(text).text == text.replace("\r\n", "\n")


def test_only_chrome_is_an_error_naming_the_input():
    with pytest.raises(EmptyInputError, match="nothing left after cleaning") as info:
        clean("En direct\nA suivre\n\nPartager\nDernières actualités\n", doc_id="page-7")
    assert info.value.origin == "page-7"
    assert "page-7" in str(info.value)


def test_empty_text_is_an_error():
    with pytest.raises(EmptyInputError):
        clean("  \n\n ")


def test_clean_document_dispatches_text_to_the_line_cleaner():
    raw = RawDocument(id="d", text=FRENCH_PAGE, language="fr")
    assert clean_document(raw, Config()).title == "Crue historique : la Garonne déborde à Toulouse"


def test_bracket_that_is_not_a_credit_stays():
    text = "On 3 May, about 200 farmers blocked the ring road near the capital over fuel prices. [size=no report]"
    article = clean(text, lang="en")
    assert article.text == text
    assert article.credits == ()


def test_dateline_line_before_the_body_is_kept():
    text = "Lisbon (Reuters)\nThe port workers' union called a three-day strike on Wednesday, halting traffic."
    article = clean(text, lang="en")
    assert article.text.startswith("Lisbon (Reuters)")


def test_menu_repeated_at_head_and_foot_is_dropped():
    page = ("Politique\nÉconomie\n\nLe Sénat adopte la réforme des retraites agricoles\n\n"
            "Le texte a été adopté par 210 voix contre 98 après deux jours de débats.\n\n"
            "Les syndicats agricoles ont salué un premier pas, tout en réclamant davantage.\n\n"
            "Politique\nÉconomie\n")
    article = clean(page)
    assert "Politique" not in article.text and "Économie" not in article.text
    assert article.title == "Le Sénat adopte la réforme des retraites agricoles"


def test_related_heading_followed_by_titles():
    page = ("Le port de Marseille rouvre après trois jours de grève\n\n"
            "Les dockers ont voté la reprise du travail mercredi soir après un accord sur les salaires.\n\n"
            "Lire aussi\nLes ports français perdent des parts de marché\nCe que contient l'accord salarial\n\n"
            "Le trafic devrait retrouver son niveau normal d'ici à la fin de la semaine, selon la direction.\n")
    article = clean(page)
    assert article.related == ("Les ports français perdent des parts de marché", "Ce que contient l'accord salarial")
    assert "parts de marché" not in article.text
    assert "Le trafic devrait retrouver" in article.text


def test_section_in_mid_article_ends_when_the_article_resumes():
    page = ("Storm closes the coastal highway for a second day\n\n"
            "Crews cleared fallen trees from the coastal highway on Sunday, but rockfalls kept it closed.\n\n"
            "Don't miss\nCity opens two new libraries\nWhy bus fares are rising again\n\n"
            "Engineers will inspect the cliffs on Monday before any decision is taken.\n"
            "Drivers were told to use the inland road, which adds about forty minutes to the trip.\n")
    article = clean(page, lang="en")
    assert "new libraries" not in article.text and "bus fares" not in article.text
    assert "Engineers will inspect the cliffs" in article.text
    assert "Drivers were told to use the inland road" in article.text


def test_hard_wrapped_paragraph_is_one_block():
    page = ("Le gouvernement a annoncé mardi une aide de 30 millions d'euros\n"
            "pour les éleveurs touchés par la sécheresse de l'été dernier.\n")
    article = clean(page)
    assert [b.kind for b in article.blocks] == ["paragraph"]
    assert article.text == page


# -- the pieces -------------------------------------------------------------------------


LEXICON = load_lexicon(("fr", "en"))


@pytest.mark.parametrize("line, caption, credit", [
    ("Des secouristes sur le pont. [MARC DURAND / AFP]", "Des secouristes sur le pont.", "MARC DURAND / AFP"),
    ("Firefighters at the scene. [Getty Images]", "Firefighters at the scene.", "Getty Images"),
    ("Le port au petit matin. © Reuters", "Le port au petit matin.", "© Reuters"),
    ("The market square on Monday. (Photo: Jane Roe/AP)", "The market square on Monday.", "Photo: Jane Roe/AP"),
    ("Le ministre s'est exprimé jeudi (AFP)", "Le ministre s'est exprimé jeudi (AFP)", None),
    ("The note ends here. [size=no report]", "The note ends here. [size=no report]", None),
    ("Voir le rapport [en anglais]", "Voir le rapport [en anglais]", None),
])
def test_split_credit(line, caption, credit):
    assert split_credit(line, LEXICON) == (caption, credit)


def test_credit_lines():
    assert credit_line("© AFP", LEXICON) == "© AFP"
    assert credit_line("Photo : Jean Dupont / Le Monde", LEXICON) == "Photo : Jean Dupont / Le Monde"
    assert credit_line("Photo prise le 8 mai au matin", LEXICON) is None
    assert credit_line("AFP reported on Monday", LEXICON) is None


@pytest.mark.parametrize("line, target", [
    ("A lire aussi : La ville vote son budget", "La ville vote son budget"),
    ("► LIRE AUSSI | Le budget en cinq chiffres", "Le budget en cinq chiffres"),
    ("Lire aussi Le budget en cinq chiffres", "Le budget en cinq chiffres"),
    ("Read more: The budget in five numbers", "The budget in five numbers"),
    ("[Related: The budget in five numbers]", "The budget in five numbers"),
    ("Related", ""),
    ("More Syrian troops arrived on Monday.", None),
    ("Lire aussi les conclusions du rapport publié hier.", None),
    ("Le maire a dit qu'il fallait lire aussi le rapport.", None),
])
def test_related_link(line, target):
    assert related_link(line, LEXICON) == target


def test_byline():
    assert byline_names("Par Julien Castel", LEXICON) == "Julien Castel"
    assert byline_names("By Jane Roe and John Doe", LEXICON) == "Jane Roe and John Doe"
    assert byline_names("Par la force des armes, il a pris le pouvoir.", LEXICON) is None


def test_copyright_notice_is_chrome_not_a_credit():
    page = ("Le texte a été adopté par 210 voix contre 98 après deux jours de débats au Palais du Luxembourg.\n"
            "© 2021 Le Journal du Sud. Tous droits réservés.\n")
    article = clean(page)
    assert "Tous droits" not in article.text and article.credits == ()


def test_sentence_shape():
    assert is_sentence_like("Le ministre a démissionné.")
    assert is_sentence_like("Il pleut. Les routes sont fermées")
    assert is_sentence_like("Il a parlé. « Nous partirons demain")
    assert not is_sentence_like("Crue historique : la Garonne déborde à Toulouse")
    assert not is_sentence_like("Alep va-t-elle tomber ?")
    assert not is_sentence_like("M. Lavrov à Genève")


def test_split_lines_offsets_and_wrapping():
    text = "  Titre court\n\nUne phrase assez longue qui continue sur\nla ligne suivante.\nMenu\nsport\n"
    lines = split_lines(text)
    assert [ln.text for ln in lines] == ["Titre court", "Une phrase assez longue qui continue sur\nla ligne suivante.",
                                         "Menu", "sport"]
    assert [ln.blank_before for ln in lines] == [True, True, False, False]
    assert all(text[ln.start:ln.end] == ln.text for ln in lines)


def test_phrase_lists_are_data():
    assert phrase_key("À suivre aussi") == "a suivre aussi"
    assert "a suivre aussi" in LEXICON.chrome_sections
    assert "advertisement" in LEXICON.chrome_lines
    assert "a lire aussi" in LEXICON.related_cues


def test_headline_list_after_the_last_paragraph_is_dropped():
    page = ("Le Sénat adopte la réforme des retraites agricoles\n\n"
            "Le texte a été adopté par 210 voix contre 98 après deux jours de débats au Palais du Luxembourg.\n\n"
            "Un festival de jazz annulé faute de bénévoles\nLe prix de l'essence repart à la hausse\n")
    article = clean(page)
    assert "festival" not in article.text and "essence" not in article.text


def test_lone_signature_after_the_last_paragraph_stays():
    page = ("Le texte a été adopté par 210 voix contre 98 après deux jours de débats au Palais du Luxembourg.\n"
            "Claire Dubois\n")
    assert clean(page).text == page
