"""The public catalogue page: the edition in force, no login, no personal data."""

import datetime as dt

from django.test import Client

from fazhi.permits.constants import ReformMode
from fazhi.permits.tests import factories


def test_the_public_sees_the_catalogue_in_force_and_no_case(units):
    factories.catalogue(document_number="旧清单〔2021〕1号")
    _later, matters = factories.catalogue(document_number="新清单〔2022〕9号", effective_on=dt.date(2022, 6, 1),
                                          matters={ReformMode.OPTIMIZED: ReformMode.COMMITMENT})
    factories.case(units["street_a"], [matters[ReformMode.FILING]], received_on=dt.date(2022, 7, 1))
    response = Client().get("/portal/permits/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "新清单〔2022〕9号" in page and "旧清单〔2021〕1号" not in page
    assert "审批改为备案事项" in page and "《某某条例》第十条" in page
    assert "张三" not in page and "11010519491231002X" not in page
    only = Client().get("/portal/permits/?mode=commitment").content.decode()
    assert "实行告知承诺（2）" in only and "审批改为备案的改革举措" not in only
