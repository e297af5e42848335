"""What the enforcement API's routers share: references to bodies, matters and entities.

The record fields, the officer and certificate references, id fields, filters and rates are fazhi.officers.api's,
which the enforcement API builds on.
"""

from ninja import Schema


class Ref(Schema):
    id: int
    name: str


class EntityRef(Schema):
    id: int
    uscc: str
    name: str


class DoneOut(Schema):
    detail: str
