"""The app for a WSGI host, e.g. gunicorn's gevent worker (one worker per process; see
docs/DEPLOY.md): `gunicorn -k gevent -w 1 cafe.wsgi:app`. The worker patches the standard
library before it imports this; CAFE_ASYNC_MODE must name the same library."""

from cafe import create_app

app = create_app()
