"""What the enforcement selectors share: a rate with its numerator and denominator."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """A share: `numerator` of `denominator`; `value` is None when there is nothing to count."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return None if not self.denominator else self.numerator / self.denominator

    @property
    def percent_text(self) -> str:
        return "—" if self.value is None else f"{self.value * 100:.1f}%"


