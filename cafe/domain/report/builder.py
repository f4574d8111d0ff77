"""The builder the chapters write into (numbered chapters and charts, translated labels), and
the findings sorted the way the chapters read them: by section, then by activity."""

from cafe.domain.report.blocks import Block


def by_section(findings: list[dict]) -> dict[str, list[dict]]:
    sections: dict[str, list[dict]] = {}
    for finding in findings:
        sections.setdefault(finding["section"], []).append(finding)
    return sections


def source_of(finding: dict) -> dict:
    return finding.get("source") or {}


def _activity_key(finding: dict) -> str:
    """Findings of one activity (or one study) share the start of their provenance key."""
    key = source_of(finding).get("key", "")
    return ":".join(key.split(":")[:2])


def grouped(findings: list[dict]) -> list[list[dict]]:
    groups: dict[str, list[dict]] = {}
    for finding in findings:
        groups.setdefault(_activity_key(finding), []).append(finding)
    return list(groups.values())


class Builder:
    def __init__(self, labels: dict):
        self.labels = labels
        self.blocks: list[Block] = []
        self.chapter = 0
        self.charts = 0

    def t(self, key: str, **values) -> str:
        text = self.labels.get(key, key)
        return text % values if values else text

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def h2(self, key: str) -> None:
        self.chapter += 1
        self.add(Block("h2", f"{self.chapter}. {self.t(key)}"))

    def chart(self, spec: dict | None, caption: str) -> None:
        """A numbered chart; its caption says what it shows, so it reads without the chart."""
        if spec:
            self.charts += 1
            spec["mark"] = self.t("emoji")
            self.add(Block("chart", f"{self.t('chart_n', n=self.charts)} {caption}", chart=spec))

    def bullets(self, items: list[str]) -> None:
        self.add(Block("bullets", items=items or [self.t("none")]))
