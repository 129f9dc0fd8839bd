"""What ``ask`` returns: the answers, the passages that support them, and everything needed to check them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class AnswerEntity:
    """One answer: the entity, its labels in the question's language and in English, its type and score.
    States carry ``iso3``, instruments their ``symbol``, laws the ISO code of their ``jurisdiction``."""

    iri: str
    label: str
    label_en: str
    type: str
    score: float
    iso3: str | None = None
    symbol: str | None = None
    jurisdiction: str | None = None
    role: str | None = None  # how the answer relates, when the template says ("program: both" in a comparison)


@dataclass(frozen=True)
class EvidencePassage:
    """A passage that supports answers: its document, text and span, and the answers it supports."""

    rank: int
    score: float
    passage: str
    text: str
    start: int
    end: int
    section: str
    document: str
    source: str
    title: str
    supports: tuple[str, ...]


@dataclass(frozen=True)
class IntentChoice:
    name: str
    why: str
    tried: tuple[str, ...] = ()  # intents that applied before this one but gave no answer


@dataclass(frozen=True)
class AskResult:
    question: str
    language: str
    linked: tuple[dict[str, object], ...]
    constraints: dict[str, object]
    intent: IntentChoice | None
    sparql: str | None
    answers: tuple[AnswerEntity, ...]
    evidence: tuple[EvidencePassage, ...]
    reason: str | None
    timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
