"""Test clients of the API: logged in as a user (or anonymous), sending JSON bodies."""

import json

from django.test import Client


def client(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def post(c: Client, path: str, body: dict):
    return c.post(path, json.dumps(body), content_type="application/json")


def patch(c: Client, path: str, body: dict):
    return c.patch(path, json.dumps(body), content_type="application/json")
