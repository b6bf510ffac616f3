"""The facts still to confirm, oldest first: the staff's to-do list for the revision of the cartography.

Public (no person ever appears: the projection applies :mod:`ecosystem.privacy`), filtered by
territory; the page, its JSON twin and ``/api/faits-a-confirmer`` come from one model, the CSV
from the same rows. The list and its order are :func:`ecosystem.facts.to_confirm`'s.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response

from ecosystem.facts import to_confirm
from ecosystem.i18n import Message
from ecosystem.ingest.formulas import neutralise
from ecosystem.ingest.templates import CSV_DELIMITER
from ecosystem.mapfilters import filter_options
from ecosystem.namespaces import slugify, territory_iri
from ecosystem.queries import fact_sources

from ..deps import LangDep, PagingDep, ProjectionDep, StoreDep, TerritoryFilter, iri_or_none
from ..entities import fact_row
from ..rendering import render
from ..schemas.base import checked, file_content
from ..schemas.facts import FactsToConfirm

router = APIRouter(tags=["faits"])

TITLE = Message("Faits à confirmer, les plus anciens d'abord", "Facts to confirm, oldest first")
RULE = Message(
    "Les tables et les sièges qu'aucune organisation n'a encore confirmés, du plus ancien au plus récent selon l'année "
    "où leur source les atteste. Les faits sans date («\u00a0date\u00a0inconnue\u00a0») viennent en premier : rien ne dit qu'ils "
    "sont encore vrais. Un siège est compté sur le territoire de son instance.",
    "The tables and seats no organisation has confirmed yet, oldest first by the year their source attests them. "
    "Facts with no date (“date unknown”) come first: nothing says they still hold. A seat counts on its instance's "
    "territory.",
)


def _rows(store, projection, lang: str, territoire: str | None) -> list[dict]:
    facts = to_confirm(projection, iri_or_none(territory_iri, territoire))
    cited = fact_sources(store, [f.iri for f in facts])
    return [fact_row(projection, fact, lang, cited) for fact in facts]


@router.get(
    "/api/faits-a-confirmer",
    response_model=FactsToConfirm,
    summary="Faits à confirmer, les plus anciens d'abord / Facts to confirm, oldest first",
)
def facts_api(
    store: StoreDep, projection: ProjectionDep, lang: LangDep, paging: PagingDep, territoire: TerritoryFilter = None
) -> dict:
    rows = _rows(store, projection, lang, territoire)
    return paging.apply(rows, "faits") | {
        "territoire": territoire,
        "regle": RULE.text(lang),
        "sans_date": sum(1 for r in rows if r["age"]["attestee_en"] is None),
        "territoires": filter_options(projection, lang)["territoires"],
    }


@router.get("/faits-a-confirmer", include_in_schema=False)
@router.get("/faits-a-confirmer.json", include_in_schema=False)
def facts_page(
    request: Request,
    store: StoreDep,
    projection: ProjectionDep,
    lang: LangDep,
    paging: PagingDep,
    territoire: TerritoryFilter = None,
):
    """The page and its twin: the same model as ``/api/faits-a-confirmer``."""
    data = checked(FactsToConfirm, facts_api(store, projection, lang, paging, territoire))
    csv_url = "/faits-a-confirmer.csv?" + urlencode(
        {k: v for k, v in (("territoire", territoire), ("lang", lang)) if v}
    )
    return render(request, "faits-a-confirmer.html", data, lang, TITLE, csv_url=csv_url)


_COLUMNS = (
    Message("Année attestée", "Attested year"),
    Message("Fait", "Fact"),
    Message("Type", "Type"),
    Message("Territoire", "Territory"),
    Message("Source", "Source"),
    Message("Adresse de la source", "Source address"),
)


@router.get(
    "/faits-a-confirmer.csv",
    response_class=Response,
    responses={
        200: {
            "description": "Le tableau en CSV (UTF-8, « ; ») / The table as CSV",
            "content": file_content(["text/csv"]),
        }
    },
    summary="Faits à confirmer en CSV / Facts to confirm as CSV",
)
def facts_csv(
    store: StoreDep, projection: ProjectionDep, lang: LangDep, territoire: TerritoryFilter = None
) -> Response:
    """Every fact to confirm (no paging), the columns of the page, for a spreadsheet (Excel reads the BOM and ``;``)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([c.text(lang) for c in _COLUMNS])
    unknown = Message("date inconnue", "date unknown").text(lang)
    for row in _rows(store, projection, lang, territoire):
        source = row["age"]["source"] or {}
        writer.writerow(
            [
                neutralise(cell)
                for cell in (
                    row["age"]["attestee_en"] or unknown,
                    row["fait"],
                    row["libelle_type"],
                    (row["territoire"] or {}).get("nom", ""),
                    source.get("titre", ""),
                    source.get("iri", ""),
                )
            ]
        )
    name = f"faits-a-confirmer{'-' + slugify(territoire) if territoire and slugify(territoire) else ''}.csv"
    return Response(
        buffer.getvalue().encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
