"""A one-page summary of the completed discussion sheets, for the board: for each briefing,
how many teams discussed it and how many people, and every action with its due date,
overdue ones first and marked in words (not colour alone).

The page is laid out by WeasyPrint in the house style (styles/summary.css); when the
actions do not fit one page the text gets smaller, and then the latest actions are
counted rather than listed, the overdue ones last.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..render.house import HouseStyle
from ..render.html import LANG, long_date, templates
from ..render.pdf import lay_out
from .responses import Action, Response

SIZES = (10.0, 9.0, 8.0, 7.0)


@dataclass
class Listed:
    """An action as the board sees it: the team's words, its date and whether it is late."""

    team: str
    action: Action
    due: str
    overdue: bool


@dataclass
class BriefingSummary:
    """What the teams said about one briefing."""

    name: str
    title: str
    sheets: int = 0
    people: int = 0
    uncounted: int = 0
    teams: list[str] = field(default_factory=list)
    actions: list[Listed] = field(default_factory=list)
    hidden: int = 0
    late_hidden: int = 0

    @property
    def overdue(self) -> int:
        return sum(listed.overdue for listed in self.actions) + self.late_hidden


def summarise(responses: list[Response], today: date) -> list[BriefingSummary]:
    """The responses by briefing, in the order first met; each briefing's actions overdue
    first, then by due date, then those without a date."""
    found: dict[str, BriefingSummary] = {}
    for response in responses:
        summary = found.setdefault(response.briefing, BriefingSummary(
            response.briefing, response.title or response.briefing))
        summary.sheets += 1
        if response.people is None:
            summary.uncounted += 1
        else:
            summary.people += response.people
        team = response.team or "a team that did not give its name"
        if team not in summary.teams:
            summary.teams.append(team)
        summary.actions += [Listed(team, action, long_date(action.due) if action.due
                                   else action.when or "no date",
                                   action.due is not None and action.due < today)
                            for action in response.actions if action.action or action.who]
    for summary in found.values():
        summary.actions.sort(key=lambda a: (not a.overdue, a.action.due is None,
                                            a.action.due or today))
    return list(found.values())


def summary_html(summaries: list[BriefingSummary], today: date, size: float) -> str:
    """The summary page as XHTML at text size `size`."""
    return templates().get_template("summary.html.j2").render(
        summaries=summaries, today=long_date(today), lang=LANG, size=size,
        sheets=sum(s.sheets for s in summaries), people=sum(s.people for s in summaries),
        actions=sum(len(s.actions) + s.hidden for s in summaries),
        overdue=sum(s.overdue for s in summaries))


def summary_pdf(responses: list[Response], today: date, styles: Path) -> bytes:
    """The one-page summary as a tagged PDF."""
    house = HouseStyle(styles, ("summary.css",))
    summaries = summarise(responses, today)
    for size in SIZES:
        rendering = lay_out(summary_html(summaries, today, size), house)
        if len(rendering.document.pages) <= 1 or not summaries:
            return rendering.pdf()
    # Fewer actions listed a briefing, the latest first (the overdue are listed first):
    # the most that fit, found by halving.
    fits, low, high = None, 0, max(len(s.actions) for s in summaries) - 1
    while low <= high:
        middle = (low + high) // 2
        rendering = lay_out(summary_html(_capped(summaries, middle), today, SIZES[-1]), house)
        if len(rendering.document.pages) <= 1:
            fits, low = rendering, middle + 1
        else:
            high = middle - 1
    return (fits or rendering).pdf()


def _capped(summaries: list[BriefingSummary], most: int) -> list[BriefingSummary]:
    """The summaries listing at most `most` actions a briefing; the rest are counted."""
    capped = []
    for summary in summaries:
        kept = summary.actions[:most]
        late = sum(a.overdue for a in kept)
        capped.append(replace(summary, actions=kept, hidden=len(summary.actions) - len(kept),
                              late_hidden=summary.overdue - late))
    return capped
