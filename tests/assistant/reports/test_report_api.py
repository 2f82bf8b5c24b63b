"""The report over HTTP (`GET /v1/orgs/{org}/report`), the web page's routes, and `oiar report`."""

from __future__ import annotations

import io
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import openpyxl
import pytest
from report_support import Sample
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "api"))

from api_support import asgi_client, bearer, make_settings  # noqa: E402

from assistant.api.app import create_app  # noqa: E402
from assistant.cli import app as cli_app  # noqa: E402
from assistant.config import get_settings  # noqa: E402
from tools import admin, analysis  # noqa: E402

pytestmark = pytest.mark.anyio
runner = CliRunner()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def client(sample: Sample) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(create_app(make_settings(), store=sample.store)) as c:
        yield c


def _key(sample: Sample, role: str) -> dict[str, str]:
    respondent = None
    if role == "respondent":
        respondent = admin.list_respondents(sample.store, sample.admin, sample.org.id)[0].id
    return bearer(sample.key(role, respondent))


@pytest.mark.parametrize(
    ("fmt", "media", "starts"),
    [
        ("html", "text/html", b"<!DOCTYPE html>"),
        ("md", "text/markdown", b"# Operating Income at Risk"),
        ("csv", "text/csv", b"Rank,Domain,Mean a year,P10"),
        ("xlsx", "application/vnd.openxmlformats", b"PK"),
        ("json", "application/json", b"{"),
    ],
)
async def test_report_route_serves_every_format(
    client: httpx.AsyncClient, sample: Sample, fmt: str, media: str, starts: bytes
) -> None:
    response = await client.get(
        f"/v1/orgs/{sample.org.id}/report", params={"format": fmt}, headers=_key(sample, "viewer")
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert response.content.startswith(starts)
    disposition = response.headers["content-disposition"]
    assert f'filename="cedar-ridge-components-oiar-report.{fmt}"' in disposition
    assert "filename*" not in disposition  # an ASCII name needs no UTF-8 form
    assert response.headers["cache-control"] == "no-store"


async def test_report_route_defaults_to_html_with_the_scored_top_domain(
    client: httpx.AsyncClient, sample: Sample
) -> None:
    response = await client.get(f"/v1/orgs/{sample.org.id}/report", headers=_key(sample, "admin"))

    top = analysis.results_as_shown(sample.store, sample.org.id).domains[0]
    assert response.status_code == 200
    assert f'<tr data-rank="1" data-domain="{top.key}">' in response.text


async def test_report_route_xlsx_has_the_five_sheets(
    client: httpx.AsyncClient, sample: Sample
) -> None:
    response = await client.get(
        f"/v1/orgs/{sample.org.id}/report?format=xlsx", headers=_key(sample, "facilitator")
    )

    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    names = book.sheetnames
    book.close()
    assert {"Summary", "Domains", "Drivers", "Inputs", "Assumptions", "Respondents"} <= set(names)


async def test_report_route_unknown_format_is_422_naming_the_formats(
    client: httpx.AsyncClient, sample: Sample
) -> None:
    response = await client.get(
        f"/v1/orgs/{sample.org.id}/report?format=pdf", headers=_key(sample, "admin")
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "format"
    for name in ("html", "md", "csv", "xlsx", "json"):
        assert f"'{name}'" in error["message"]


async def test_report_route_refuses_respondents_and_hides_other_orgs(
    client: httpx.AsyncClient, sample: Sample
) -> None:
    as_respondent = await client.get(
        f"/v1/orgs/{sample.org.id}/report", headers=_key(sample, "respondent")
    )
    other = await client.get("/v1/orgs/org_elsewhere/report", headers=_key(sample, "admin"))
    anonymous = await client.get(f"/v1/orgs/{sample.org.id}/report")

    assert as_respondent.status_code == 403
    assert as_respondent.json()["error"]["message"] == "a respondent key cannot read score detail"
    assert other.status_code == 404
    assert anonymous.status_code == 401


async def test_web_pages_are_served_without_shadowing_the_api(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/")
    console = await client.get("/console")
    script = await client.get("/web/console.js")
    style = await client.get("/web/console.css")
    page_as_asset = await client.get("/web/console.html")
    hidden = await client.get("/web/__init__.py")
    unknown_api = await client.get("/v1/nothing-here")
    health = await client.get("/healthz")

    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert '<script src="/web/signin.js" defer>' in page.text
    assert '<script src="/web/console.js" defer>' in console.text
    for html in (page.text, console.text):  # base.css first: console.css builds on it
        assert 0 < html.index("/web/base.css") < html.index("/web/console.css")
    assert script.headers["content-type"].startswith("text/javascript")
    assert style.headers["content-type"].startswith("text/css")
    assert page_as_asset.status_code == 404
    assert hidden.status_code == 404 and hidden.json()["error"]["code"] == "not_found"
    assert unknown_api.status_code == 404 and unknown_api.json()["error"]["code"] == "not_found"
    assert health.json() == {"status": "ok"}
    for text in (page.text, console.text, script.text, style.text):
        assert "http://" not in text and "https://" not in text


def test_cli_report_writes_each_format(
    sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OIAR_DATABASE_URL", sample.store.url)
    get_settings.cache_clear()
    try:
        html = runner.invoke(cli_app, ["report", "-o", str(tmp_path / "r.html")])
        xlsx = runner.invoke(
            cli_app,
            ["report", "--org", sample.org.id, "--format", "xlsx", "-o", str(tmp_path / "r.xlsx")],
        )
        md = runner.invoke(cli_app, ["report", "--format", "md"])
        missing = runner.invoke(cli_app, ["report", "--org", "org_nope"])
        monkeypatch.chdir(tmp_path)
        binary = runner.invoke(cli_app, ["report", "--format", "xlsx"])
        folder = runner.invoke(cli_app, ["report", "--format", "csv", "-o", str(tmp_path)])
    finally:
        get_settings.cache_clear()

    assert html.exit_code == 0, html.output
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert xlsx.exit_code == 0 and (tmp_path / "r.xlsx").read_bytes().startswith(b"PK")
    assert md.exit_code == 0 and md.output.startswith("# Operating Income at Risk — Cedar Ridge")
    assert missing.exit_code == 2
    assert "--org: organization 'org_nope' not found" in missing.output
    # A workbook without -o, or any format given a folder, is named after the company.
    assert binary.exit_code == 0, binary.output
    assert (tmp_path / "cedar-ridge-components-oiar-report.xlsx").read_bytes().startswith(b"PK")
    assert folder.exit_code == 0, folder.output
    assert (tmp_path / "cedar-ridge-components-oiar-report.csv").exists()
