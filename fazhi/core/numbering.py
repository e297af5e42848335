"""Serial numbers (编号) the platform gives records: a prefix (a register's letters, often the year) and a counter."""


def next_numbers(model, prefix: str, count: int = 1, width: int = 5) -> list[str]:
    """The next `count` numbers after the highest one `model` holds with `prefix` (archived records included).

    Called inside the transaction that writes the records; the unique constraint on `number` refuses a
    number taken meanwhile by a concurrent writer, so nothing is written twice under one number.
    """
    last = (model._base_manager.filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    start = int(last[len(prefix):]) + 1 if last else 1
    return [f"{prefix}{n:0{width}d}" for n in range(start, start + count)]


def next_number(model, prefix: str, width: int = 5) -> str:
    return next_numbers(model, prefix, 1, width)[0]


def give_numbers(records) -> None:
    """Number the records that have none, in their order (bulk writes, which bypass save())."""
    by_prefix: dict[tuple, list] = {}
    for record in records:
        if not record.number:
            by_prefix.setdefault((type(record), record.number_prefix()), []).append(record)
    for (model, prefix), group in by_prefix.items():
        for record, number in zip(group, next_numbers(model, prefix, len(group)), strict=True):
            record.number = number


class GivesNumbers:
    """For models whose `number` the platform gives when the record is first saved; `number_prefix()` says the
    prefix (letters and the year). The field is blank=True so validation passes before the number is given."""

    def number_prefix(self) -> str:
        raise NotImplementedError

    def save(self, *args, **kwargs):
        if not self.number:
            self.number = next_number(type(self), self.number_prefix())
        super().save(*args, **kwargs)
