"""``devin-data report`` as cron runs it: a real emulator on loopback, the command in a subprocess,
no app running; the digest holds the billed figures of the emulator and never the key."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from emulated_cli import cli_env, emulated, run_cli
from frozen_time import FROZEN_NOW

from devin_data.analytics.spend import BudgetSource
from devin_data.config import Settings, SpendSettings
from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ADMIN_KEY, ENTERPRISE_KEY
from devin_data.models.billing import billing_day, day_start
from devin_data.services import budget
from devin_data.services.workspace import Workspace

KEY = ENTERPRISE_KEY


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    org = DemoOrg.generate(300, 11, FROZEN_NOW, days=60)
    return Emulator(org, clock=FROZEN_NOW.timestamp)


@pytest.fixture(scope="module")
def server(emulator: Emulator) -> Iterator[EmulatorServer]:  # one for the module's synced cache
    with serve(emulator) as running:
        yield running


@pytest.fixture(scope="module")
def env(server: EmulatorServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    cache = tmp_path_factory.mktemp("report") / "cache"
    synced = cli_env(server, cache) | {"DEVIN_API_KEY": KEY}
    done = run_cli("sync", "--since", "40d", "--messages", "--quiet", env=synced)
    assert done.returncode == 0, done.stderr
    return synced


def _cycle_billed(emulator: Emulator) -> float:
    """Billed ACUs of the current cycle (the month from the 1st at 08:00 UTC), by the truth."""
    today = billing_day(FROZEN_NOW)
    total = 0.0
    for day in range(1, today.day + 1):
        start = int(day_start(today.replace(day=day)).timestamp())
        total += sum(emulator.consumption_truth(start).values())
    return total


def test_html_report_holds_the_digest_and_no_key(
    env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    out = tmp_path / "digest.html"
    done = run_cli("report", "--period", "7d", "--out", str(out), "--acu-price", "2", env=env)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert KEY not in page
    assert KEY not in done.stdout + done.stderr
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "<link" not in page
    for heading in ("Key figures", "Spend against budget", "Top repositories", "People who may"):
        assert f"<h2>{heading}" in page
    assert re.search(r"\d+ sessions were created from", page)
    found = re.search(r"Billed since [^<]+</td><td[^>]*>([\d,.]+) ACUs \(\$([\d,.]+)\)", page)
    assert found is not None
    spent, money = (float(value.replace(",", "")) for value in found.groups())
    truth = _cycle_billed(emulator)
    assert spent == pytest.approx(truth, abs=0.5)
    assert money == pytest.approx(truth * 2, abs=0.01)
    assert "ACU limit of the organization" in page
    assert "hours Devin waited on them" in page


def test_markdown_report_flags_the_thresholds(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    args = ("--out", str(out), "--period", "2w", "--alert-error-share", "0.001")
    done = run_cli("report", *args, "--alert-spend-pace", "0.01", env=env)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Devin digest for org-demo")
    assert "> **Alert:** Spend pace: at this pace the organization uses about" in text
    assert re.search(r"> \*\*Alert:\*\* Error share: [\d.]+% of the [\d,]+ sessions", text)
    assert "| KPI | value | change vs previous period |" in text
    assert KEY not in text


def test_report_refuses_bad_input_in_one_line(env: dict[str, str], tmp_path: Path) -> None:
    bad = run_cli("report", "--out", str(tmp_path / "x.pdf"), env=env)
    assert bad.returncode == 2
    assert "unknown report format" in bad.stderr
    price = run_cli("report", "--out", str(tmp_path / "x.md"), "--acu-price", "lots", env=env)
    assert price.returncode == 1
    assert "DEVIN_ACU_PRICE (flag) must be a number" in price.stderr
    period = run_cli("report", "--out", str(tmp_path / "x.md"), "--period", "soon", env=env)
    assert period.returncode == 2  # a usage error, like any other bad option
    assert "expected a period such as 7d" in period.stderr
    empty = env | {"DEVIN_CACHE_DIR": str(tmp_path / "empty")}
    none = run_cli("report", "--out", str(tmp_path / "x.md"), env=empty)
    assert none.returncode == 1
    assert "run `devin-data sync` first" in none.stderr
    assert "Traceback" not in bad.stderr + price.stderr + period.stderr + none.stderr


def test_export_adds_money_at_the_price(env: dict[str, str], tmp_path: Path) -> None:
    import pandas as pd

    plain, priced = tmp_path / "plain.csv", tmp_path / "priced.csv"
    assert run_cli("export", "--out", str(plain), env=env).returncode == 0
    done = run_cli("export", "--out", str(priced), env=env | {"DEVIN_ACU_PRICE": "1.5"})
    assert done.returncode == 0, done.stderr
    without, with_money = pd.read_csv(plain), pd.read_csv(priced)
    assert "acus_consumed_usd" not in without.columns
    columns = list(with_money.columns)
    assert columns[columns.index("acus_consumed") + 1] == "acus_consumed_usd"
    expected = with_money["acus_consumed"] * 1.5
    assert (with_money["acus_consumed_usd"] - expected).abs().max() < 1e-9


def test_the_budget_typed_on_the_spend_page_wins_in_the_report_as_in_the_app(
    tmp_path: Path,
) -> None:
    """The app and the report read one budget rule: without an ACU limit from the API, the
    budget typed on the Spend page (kept in the store) wins over DEVIN_MONTHLY_BUDGET_ACUS."""
    with emulated(120, 3, 30) as (_, server):
        env = cli_env(server, tmp_path / "cache") | {"DEVIN_API_KEY": ADMIN_KEY}
        assert run_cli("sync", "--quiet", env=env).returncode == 0
        settings = Settings.load(env)
        with Workspace.open(settings, now=FROZEN_NOW) as ws:
            view = budget.view(ws, SpendSettings(monthly_budget_acus=1000.0), FROZEN_NOW)
            assert view.budget.source is BudgetSource.CONFIGURED
            budget.save_budget(ws, 4000.0)  # as the Spend page's budget input does
            view = budget.view(ws, SpendSettings(monthly_budget_acus=1000.0), FROZEN_NOW)
        assert (view.budget.limit, view.budget.source) == (4000.0, BudgetSource.PAGE)
        out = tmp_path / "digest.md"
        configured = env | {"DEVIN_MONTHLY_BUDGET_ACUS": "1000"}
        done = run_cli("report", "--out", str(out), "--offline", env=configured)
    assert done.returncode == 0, done.stderr
    assert "| Monthly budget | 4,000 ACUs |" in out.read_text(encoding="utf-8")


def test_report_counts_the_local_days_of_its_zone(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "tokyo.md"
    done = run_cli("report", "--period", "30d", "--tz", "Asia/Tokyo", "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    # FROZEN_NOW is 06:45 on 15 March in Tokyo: 30 local days, labelled as exactly those days.
    assert text.startswith("# Devin digest for org-demo: 14 Feb 2026 to 15 Mar 2026")
    assert "## ACUs reported by sessions and ACUs billed" in text
    assert "| ACUs billed |" in text
    assert re.search(r"\| user-[0-9a-f]{6,} \|", text) is None  # people by name
    bad = run_cli("report", "--tz", "Mars/Olympus", "--out", str(tmp_path / "x.md"), env=env)
    assert bad.returncode == 1
    assert "'Mars/Olympus' is not a known time zone" in bad.stderr
    assert "Traceback" not in bad.stderr
