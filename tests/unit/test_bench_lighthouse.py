"""A Lighthouse run that fails to record its trace is made again, so each median has its runs."""

from __future__ import annotations

from bench import lighthouse


def test_a_failed_run_is_made_again_and_the_failure_kept(monkeypatch):
    answers = iter([{"error": "NO_NAVSTART", "load": 1.0}, {"score": 93, "load": 1.0}])
    monkeypatch.setattr(lighthouse, "run_once", lambda url, preset: next(answers))
    run = lighthouse.run_counted("http://x/", "desktop")
    assert run["score"] == 93
    assert run["retried_after"] == ["NO_NAVSTART"]


def test_a_run_that_keeps_failing_is_an_error_after_the_last_attempt(monkeypatch):
    calls = []
    monkeypatch.setattr(
        lighthouse, "run_once", lambda url, preset: calls.append(url) or {"error": "boom"}
    )
    run = lighthouse.run_counted("http://x/", "mobile", attempts=2)
    assert run == {"error": "boom", "errors": ["boom", "boom"]}
    assert len(calls) == 2
    assert lighthouse.median_of([run]) == {"error": "boom"}
