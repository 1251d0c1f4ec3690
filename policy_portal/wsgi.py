import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_portal.settings")
application = get_wsgi_application()


def _warm_up_checker() -> None:
    """Load the checker's pipelines, context and rules when the server starts, not during the
    first employee's check (loading spaCy takes seconds). With ``gunicorn --preload`` this runs
    once in the master and the workers share the loaded models."""
    from django.db import connections

    try:
        from compliance.engine import warm_up

        warm_up()
    except Exception:  # a cold start beats no start: the first check would load them instead
        logging.getLogger(__name__).exception("checker warm-up failed; the first check will be slow")
    finally:
        connections.close_all()  # never share a database connection across forked workers


if os.environ.get("PORTAL_WARM_UP", "1") == "1":
    _warm_up_checker()
