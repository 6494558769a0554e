"""Quotes and speakers in French, on sentences the team wrote (the seed's constructions and more)."""

from datetime import date

import pytest

from sitrep import Config, Context, RawDocument
from sitrep.pipeline import analyse

pytestmark = pytest.mark.slow

STAGES = ("nlp", "entities", "quotes")


@pytest.fixture(scope="module")
def run():
    """Only the stages quotes need, so the test does not wait on stages built elsewhere."""
    ctx = Context(Config(stages=STAGES))

    def _run(text, lang="fr", stages=STAGES):
        raw = RawDocument(id="t", text=text, language=lang, published=date(2016, 12, 9), origin="t")
        return analyse(raw, ctx)

    return _run

ARTICLE = "\n\n".join([
    'Les pourparlers reprennent à Vilnius',
    "«Le cessez-le-feu tiendra jusqu'à dimanche», a déclaré mardi le ministre letton de la Défense "
    'Andris Kalnins, cité par la radio publique. «Nous attendons encore deux convois», a-t-il '
    'poursuivi devant la presse.',
    'M. Kalnins a par ailleurs annoncé que les négociations reprendraient jeudi à Vilnius. De son '
    "côté, la médiatrice de l'Union européenne Sofia Brandt a réclamé une «désescalade immédiate».",
    'Selon un diplomate, les délégations se sont séparées sans accord. La police a démenti avoir '
    "utilisé des gaz lacrymogènes. D'après elle, aucun blessé n'a été signalé.",
    "Le festival «Nuits d'été» a été annulé, et les soi-disant «zones sûres» ont encore été "
    'bombardées.',
    "Une mesure que l'opposition a qualifiée de «trop tardive».",
]) + "\n"


@pytest.fixture(scope="module")
def quotes(run):
    return run(ARTICLE, lang="fr", stages=STAGES).quotes


def find(quotes, words, kind=None):
    hits = [q for q in quotes if words in q.text and (kind is None or q.kind == kind)]
    assert hits, f"no quote with {words!r}: {[(q.kind, q.text) for q in quotes]}"
    return hits[0]


def test_inverted_attribution_gives_the_name_not_the_title(quotes):
    q = find(quotes, "Le cessez-le-feu tiendra", "direct")
    assert q.text == "Le cessez-le-feu tiendra jusqu'à dimanche"
    assert q.speaker == "Andris Kalnins"
    assert q.verb == "déclarer"
    assert q.cue_span is not None and ARTICLE[q.cue_span.start:q.cue_span.end] == "déclaré"


def test_inverted_clitic_resolves_to_the_last_speaker(quotes):
    q = find(quotes, "Nous attendons encore deux convois", "direct")
    assert q.speaker == "Andris Kalnins"
    assert q.verb == "poursuivre"


def test_reported_clause_with_honorific_gets_the_fullest_name(quotes):
    q = find(quotes, "les négociations reprendraient jeudi à Vilnius", "indirect")
    assert q.text == "les négociations reprendraient jeudi à Vilnius"
    assert q.speaker == "Andris Kalnins"
    assert q.verb == "annoncer"


def test_partial_quote_in_a_sentence_belongs_to_the_subject(quotes):
    q = find(quotes, "désescalade immédiate", "direct")
    assert q.speaker == "Sofia Brandt"
    assert q.verb == "réclamer"
    # the object is nothing but the quote: no second, indirect copy of it
    assert not [x for x in quotes if x.kind == "indirect" and "désescalade" in x.text]


def test_unnamed_sources_stay_descriptions(quotes):
    q = find(quotes, "les délégations se sont séparées sans accord", "indirect")
    assert q.speaker == "un diplomate"
    assert q.verb == "selon"
    q = find(quotes, "trop tardive", "direct")
    assert q.speaker == "l'opposition"


def test_denial_with_infinitive_and_source_pronoun(quotes):
    q = find(quotes, "avoir utilisé des gaz lacrymogènes", "indirect")
    assert q.speaker == "La police" and q.verb == "démentir"
    q = find(quotes, "aucun blessé n'a été signalé", "indirect")
    assert q.speaker == "La police"


def test_titles_and_scare_quotes_are_not_quotes(quotes):
    texts = {q.text for q in quotes}
    assert "Nuits d'été" not in texts
    assert "zones sûres" not in texts


def test_speaker_is_never_a_pronoun(quotes):
    pronouns = {"il", "elle", "ils", "elles", "on", "lui", "eux"}
    assert all((q.speaker or "").lower() not in pronouns for q in quotes)


def test_indirect_statement_before_its_verb(run):
    text = ("Le pont de Kerma a été détruit dans la nuit, a annoncé mercredi le gouverneur de la province. "
            "Les secours sont arrivés au matin.")
    (q,) = run(text, lang="fr", stages=STAGES).quotes
    assert q.kind == "indirect"
    assert q.text == "Le pont de Kerma a été détruit dans la nuit"
    assert q.speaker == "le gouverneur de la province"


def test_impersonal_on_gives_no_speaker(run):
    text = "Un nouveau poste de secours a été ouvert à Kerma, a-t-on annoncé hier."
    (q,) = run(text, lang="fr", stages=STAGES).quotes
    assert q.kind == "indirect" and q.speaker is None


def test_accusation_and_threat_are_reported(run):
    text = ("Le maire de Kerma, Paul Ferrand, a accusé la milice d'avoir bloqué les camions. "
            "Il a menacé de fermer les marchés de la ville.")
    quotes = run(text, lang="fr", stages=STAGES).quotes
    accuse = find(quotes, "la milice d'avoir bloqué les camions", "indirect")
    threat = find(quotes, "de fermer les marchés de la ville", "indirect")
    assert accuse.speaker == threat.speaker == "Paul Ferrand"
    assert (accuse.verb, threat.verb) == ("accuser", "menacer")


def test_quote_over_two_paragraphs_is_one_quote(run):
    text = ("Le directeur de l'hôpital, Jean Morel, a décrit la nuit : « Nous avons reçu quarante blessés.\n\n"
            "« Nous manquons de tout, surtout de sang. »\n\nLe calme est revenu au matin.")
    quotes = [q for q in run(text, lang="fr", stages=STAGES).quotes if q.kind == "direct"]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("Nous avons reçu") and quotes[0].text.endswith("surtout de sang.")
    assert quotes[0].speaker == "Jean Morel"


def test_text_without_quotes(run):
    text = "Le convoi est arrivé à Kerma dans la matinée. Les routes restent coupées au nord de la ville."
    assert run(text, lang="fr", stages=STAGES).quotes == ()


def test_long_article_with_unbalanced_marks_has_no_runaway_quote(run):
    paras = []
    for i in range(500):
        if i % 3 == 0:
            paras.append(f"« Nous tenons le secteur {i} », a déclaré le colonel Luc Arnaud.")
        elif i % 3 == 1:
            paras.append(f"Une guillemet « ouverte au paragraphe {i} ne se referme jamais")
        else:
            paras.append(f"Le secteur {i} reste calme selon les habitants du quartier.")
    text = "\n\n".join(paras)
    analysis = run(text, lang="fr", stages=STAGES)
    direct = [q for q in analysis.quotes if q.kind == "direct"]
    assert len(direct) == 167
    assert all(q.speaker == "Luc Arnaud" for q in direct)
    longest = max(q.span.end - q.span.start for q in analysis.quotes)
    assert longest < 200
    assert all("\n" not in q.text for q in analysis.quotes)


FLOOD = "\n\n".join([
    "Le préfet du Doubs, Michel Garnier, a annoncé dimanche la fermeture de tous les ponts de Besançon. "
    "«La situation reste très préoccupante», a-t-il expliqué lors d'un point de presse.",
    "La mairie estime que plus de 2.000 habitants ont été évacués, un chiffre que les pompiers jugent "
    "«sous-estimé».",
    "«On a tout perdu», confie une habitante du quartier, Jeanne Roux, 67 ans. Elle assure n'avoir reçu "
    "aucune alerte avant l'arrivée de l'eau.",
    "Le bilan, selon un décompte provisoire, fait état de deux blessés légers.",
])


def test_time_words_negation_and_nearest_verb(run):
    quotes = run(FLOOD, lang="fr", stages=STAGES).quotes
    announced = find(quotes, "la fermeture de tous les ponts", "indirect")
    assert announced.text == "la fermeture de tous les ponts de Besançon"  # "dimanche" is not what was said
    assert announced.speaker == "Michel Garnier"
    assert find(quotes, "La situation reste très préoccupante", "direct").speaker == "Michel Garnier"
    # a quote right after a verb belongs to that verb's subject, even inside another report
    assert find(quotes, "sous-estimé", "direct").speaker == "les pompiers"
    assert find(quotes, "plus de 2.000 habitants", "indirect").speaker == "La mairie"
    assert find(quotes, "On a tout perdu", "direct").speaker == "Jeanne Roux"
    assert find(quotes, "avoir reçu aucune alerte", "indirect").text.startswith("n'avoir")
    # "selon" in an aside does not make the rest of the sentence a statement
    assert not [q for q in quotes if q.text.startswith("Le bilan")]


def test_a_quote_inside_a_quote_stays_in_it(run):
    text = "Le témoin a raconté : « Le soldat m'a crié “partez” avant de tirer. » Il a ensuite fui."
    direct = [q for q in run(text, lang="fr", stages=STAGES).quotes if q.kind == "direct"]
    assert [q.text for q in direct] == ["Le soldat m'a crié “partez” avant de tirer."]
    assert direct[0].speaker == "Le témoin"
