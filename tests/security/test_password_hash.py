"""Passwords are stored with scrypt unless an installation says otherwise (the test suite's
cheap method is its own setting, tests/conftest.py)."""

from cafe import create_app
from cafe.auth.services import authenticate, create_facilitator
from cafe.config import DEFAULTS
from cafe.extensions import db


def test_the_products_default_is_scrypt():
    assert DEFAULTS["PASSWORD_HASH_METHOD"] == "scrypt"


def test_a_facilitator_is_stored_with_the_configured_method(tmp_path):
    app = create_app({"TESTING": True, "ASYNC_MODE": "threading", "SECRET_KEY": "k",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}",
                      "PASSWORD_HASH_METHOD": "scrypt"})
    with app.app_context():
        db.create_all()
        user = create_facilitator("anna", "correct horse battery", "nl")
        assert user.password_hash.startswith("scrypt:")
        assert authenticate("anna", "correct horse battery") == user
        assert authenticate("anna", "wrong horse battery") is None
