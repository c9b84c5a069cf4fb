"""Role questions are answered once per request's user: the admin's menu and permission
policies ask them many times per page (core.roles.remembered)."""

import pytest
from django.contrib.auth import get_user_model

from core.roles import LOCATION, LOKET, forget, has_role
from opvanglocaties import dashboard
from opvanglocaties.permissions import is_loket

from ..conftest import role
from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_groups_are_read_once_for_every_role_question(django_assert_num_queries):
    user = UserFactory(groups=[role(LOKET)])

    with django_assert_num_queries(1):
        answers = [has_role(user, name) for name in (LOKET, LOCATION, LOKET, LOCATION)]

    assert answers == [True, False, True, False]


def test_whether_a_user_is_a_loket_is_asked_once(region, loket_user, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert is_loket(loket_user) and is_loket(loket_user)


def test_the_next_request_sees_a_change_of_groups(region):
    user = UserFactory()
    assert not has_role(user, LOKET)
    user.groups.add(role(LOKET))

    # The request's user is read afresh from the database on the next request.
    assert has_role(get_user_model().objects.get(pk=user.pk), LOKET)
    # Within one request, code that changes groups says so.
    forget(user)
    assert has_role(user, LOKET)


def test_inactive_users_and_superusers_need_no_query(django_assert_num_queries):
    inactive = UserFactory(groups=[role(LOKET)], is_active=False)
    superuser = UserFactory(is_superuser=True)

    with django_assert_num_queries(0):
        assert not has_role(inactive, LOKET)
        assert has_role(superuser, LOKET)


def test_a_provider_is_recognised_from_the_groups_already_read(django_assert_num_queries):
    user = UserFactory(groups=[role(LOCATION)])
    assert has_role(user, LOCATION) and not user.has_perm("opvanglocaties.change_region")

    # The dashboard's panels ask on every admin page; the answer needs no further query.
    with django_assert_num_queries(0):
        assert dashboard.is_provider(user)
