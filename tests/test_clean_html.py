"""The HTML cleaner on small hand-written pages, hostile ones included."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.clean import clean_document
from sitrep.clean.html import MAX_ELEMENTS, body_text, clean_html, extract_html, extraction_outputs
from sitrep.config import Config
from sitrep.errors import EmptyInputError, InputError, InputTooLargeError
from sitrep.records import Article, RawDocument

PARAGRAPHS_EN = [
    "Rescue boats reached the village of Millbrook on Tuesday after the river burst its banks overnight, "
    "the county emergency office said in a statement.",
    "About 300 people spent the night in the school gym, which the council turned into a shelter within "
    "a few hours of the first evacuation order.",
    "Engineers will inspect the old stone bridge on Wednesday before deciding whether lorries can use it "
    "again, a spokeswoman for the county said.",
    "The weather service expects the water to fall slowly over the next three days, although more rain "
    "is forecast for the weekend across the northern hills.",
]

ARTICLE_EN = f"""<!doctype html>
<html lang="en">
<head>
  <title>Floods cut off three villages | Valley Courier</title>
  <meta property="og:title" content="Floods cut off three villages">
  <meta property="og:site_name" content="Valley Courier">
  <meta name="author" content="Hannah Price">
  <meta property="article:published_time" content="2021-03-12T08:15:00Z">
  <script>window.dataLayer = [{{"page": "article"}}]; document.write("<p>tracking pixel text</p>");</script>
  <style>p {{ color: black; }}</style>
</head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/login">Log in</a></li></ul></nav></header>
  <main>
    <article>
      <h1>Floods cut off three villages</h1>
      <p class="byline">By Hannah Price</p>
      <p>{PARAGRAPHS_EN[0]}</p>
      <p>{PARAGRAPHS_EN[1]}</p>
      <p>Read more: How the valley's flood defences were built</p>
      <h2>Bridge checks</h2>
      <p>{PARAGRAPHS_EN[2]}</p>
      <p>{PARAGRAPHS_EN[3]}</p>
      <div class="share">Share this article</div>
    </article>
  </main>
  <aside><h3>Most read</h3><ul><li><a href="/a">Council approves new cycle lanes</a></li>
    <li><a href="/b">Local team wins the regional cup</a></li></ul></aside>
  <footer><p>Copyright 2021 Valley Courier. All rights reserved.</p><p>Privacy policy</p></footer>
</body>
</html>
"""

PARAGRAPHS_FR = [
    "La Garonne est montée de plus de quatre mètres en une nuit, obligeant la préfecture à évacuer près "
    "de 600 habitants des quartiers bas de Toulouse.",
    "Les pompiers ont mené plus de 120 interventions depuis lundi soir, selon un communiqué de la "
    "préfecture publié mardi à l'aube.",
    "Météo-France prévoit une baisse lente du niveau de l'eau à partir de jeudi, mais de nouvelles "
    "pluies sont annoncées pour le week-end sur les Pyrénées.",
]

ARTICLE_FR = f"""<html lang="fr"><head><meta charset="utf-8">
<title>Crue historique : la Garonne déborde à Toulouse</title></head>
<body>
<div class="menu"><a href="/">Accueil</a> <a href="/monde">International</a> <a href="/direct">En direct</a></div>
<article>
<h1>Crue historique : la Garonne déborde à Toulouse</h1>
<figure><img src="crue.jpg" alt=""><figcaption>Des habitants évacués en barque mardi matin.
[CLAIRE MOREAU / AFP]</figcaption></figure>
<p>{PARAGRAPHS_FR[0]}</p>
<p>{PARAGRAPHS_FR[1]}</p>
<p>A lire aussi : Les digues de la Garonne jugées fragiles par un rapport</p>
<p>{PARAGRAPHS_FR[2]}</p>
</article>
<div class="bottom"><h3>Dernières actualités</h3><a href="/x">Un festival de jazz annulé faute de bénévoles</a></div>
</body></html>
"""


def clean(html: str, **fields: object) -> Article:
    raw = RawDocument(id=str(fields.pop("id", "page")), html=html, origin=str(fields.pop("origin", "page")),
                      **fields)  # type: ignore[arg-type]
    return clean_html(raw, Config())


# -- ordinary pages ---------------------------------------------------------------------


def test_english_article_body_and_metadata():
    article = clean(ARTICLE_EN, url="https://courier.example/floods")
    for paragraph in PARAGRAPHS_EN:
        assert paragraph in article.text
    for chrome in ("Home", "Log in", "tracking pixel", "window.dataLayer", "color: black", "Most read",
                   "cycle lanes", "All rights reserved", "Privacy policy", "Share this article"):
        assert chrome not in article.text, chrome
    assert article.title == "Floods cut off three villages"
    assert not article.text.startswith("Floods cut off")  # the HTML body leaves the title out
    assert [b.kind for b in article.blocks if b.span is None and b.kind == "title"] == ["title"]
    assert all(b.span.of(article.text) == b.text for b in article.blocks if b.span is not None)
    assert article.published == date(2021, 3, 12)
    assert article.author == "Hannah Price"
    assert article.site == "Valley Courier"
    assert article.url == "https://courier.example/floods"


def test_related_line_is_kept_apart():
    article = clean(ARTICLE_EN)
    assert "Read more" not in article.text
    assert article.related == ("How the valley's flood defences were built",)


def test_given_publication_date_wins_over_the_page():
    article = clean(ARTICLE_EN, published=date(2021, 3, 13))
    assert article.published == date(2021, 3, 13)


def test_french_article():
    article = clean(ARTICLE_FR, language="fr")
    for paragraph in PARAGRAPHS_FR:
        assert paragraph in article.text
    assert article.title == "Crue historique : la Garonne déborde à Toulouse"
    for chrome in ("Accueil", "En direct", "A lire aussi", "festival de jazz", "CLAIRE MOREAU"):
        assert chrome not in article.text, chrome
    assert article.related == ("Les digues de la Garonne jugées fragiles par un rapport",)


def test_clean_document_dispatches_html():
    assert clean_document(RawDocument(id="p", html=ARTICLE_EN), Config()).title == "Floods cut off three villages"


def test_extraction_outputs_for_the_benchmark():
    records = [{"id": "a", "html": ARTICLE_EN, "url": "https://courier.example/floods"},
               {"id": "b", "html": "<html><body><script>x()</script></body></html>"}]
    outputs = list(extraction_outputs(records))
    assert [o["id"] for o in outputs] == ["a", "b"]
    assert PARAGRAPHS_EN[0] in outputs[0]["text"]
    assert outputs[1]["text"] == "" and "no article text" in outputs[1]["error"]


# -- hostile pages ----------------------------------------------------------------------

PARAGRAPH = ("<p>The river rose by two metres overnight and the mayor ordered the lower town evacuated "
             "before dawn, officials said on Tuesday.</p>")


@pytest.mark.parametrize("html", [
    "",
    "   \n\t",
    "<html></html>",
    "<html><head><title>Empty</title></head><body></body></html>",
    "<html><body><script>var s = '<p>not article text at all, only a script that writes</p>';</script></body></html>",
    "<html><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav><div>Sport</div><div>Contact</div></body></html>",
    "<!-- only a comment -->",
    "\x00\x01<<<>>>&&&;;;<!-- <p>",
], ids=["empty", "blank", "no-body", "empty-body", "script-only", "navigation-only", "comment", "garbage"])
def test_pages_without_article_text_are_a_clear_error(html):
    with pytest.raises(EmptyInputError) as info:
        clean(html, origin="bad.html")
    assert info.value.origin == "bad.html"


def test_script_between_paragraphs_is_dropped():
    html = f"<html><body>{PARAGRAPH}<script>alert('tracking code here')</script>{PARAGRAPH}</body></html>"
    article = clean(html)
    assert "alert" not in article.text and "tracking code" not in article.text
    assert "The river rose by two metres" in article.text


def test_unclosed_tags():
    html = ("<html><body><div><p>The river rose by two metres overnight and the mayor ordered the <b>lower "
            "town evacuated before dawn, officials said on Tuesday.<p>Rescue teams reached the old bridge at "
            "noon, where twelve families had been waiting on rooftops since the night before.")
    article = clean(html)
    assert "lower town evacuated before dawn" in article.text
    assert "twelve families had been waiting on rooftops" in article.text


def test_attribute_soup_is_read():
    attributes = " ".join(f'data-k{i}="{"v" * 40}"' for i in range(5000))
    article = clean(f"<html><body><div {attributes}>{PARAGRAPH}</div></body></html>")
    assert "lower town evacuated before dawn" in article.text


def test_too_many_elements_falls_back_to_the_plain_text():
    filler = "<span>x</span>" * (MAX_ELEMENTS + 10)
    extraction = extract_html(f"<html><body>{filler}{PARAGRAPH}</body></html>")
    assert extraction.method == "body-text"
    assert "lower town evacuated before dawn" in extraction.text


def test_plain_text_given_as_html():
    article = clean("The river rose by two metres overnight and the mayor ordered the lower town evacuated "
                    "before dawn, officials said on Tuesday.")
    assert article.text.startswith("The river rose")


def test_too_large_html():
    with pytest.raises(InputTooLargeError):
        extract_html("<p>" + "x" * 200 + "</p>", max_bytes=100)


def test_body_text_keeps_block_structure_and_drops_layout():
    html = ("<html><body><nav>Home World</nav><h1>Heading</h1><p>First <b>bold</b> words"
            "<script>x()</script> and more.</p><ul><li>one</li><li>two</li></ul><footer>Legal</footer></body></html>")
    assert body_text(html) == "Heading\nFirst bold words and more.\none\ntwo"


def test_every_failure_is_an_input_error():
    for html in ("<", "<html><body><p></p></body></html>", "<?xml version='1.0'?><rss></rss>", "&nbsp;" * 10):
        with pytest.raises(InputError):
            clean(html)
