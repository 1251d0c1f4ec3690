"""What the site actually serves: every named URL pattern (from Django's resolver), the HTTP methods each
view accepts, and every operation of the OpenAPI schema. The access-policy completeness test compares
this inventory with tests/access_policy.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from tests.access_policy import NOT_IN_POLICY_TABLE, UNNAMED_ROUTES

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # the pattern, e.g. "charters/<slug:slug>/"
    converters: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0]

    def probe_kwargs(self) -> dict[str, object]:
        """URL arguments naming objects that do not exist (allowed roles then get a 404)."""
        return {k: 999999 if isinstance(c, IntConverter) else "missing" for k, c in self.converters.items()}

    def url(self, kwargs: dict[str, object] | None = None) -> str:
        """The route's URL with ``kwargs``, else with arguments naming nothing (digits where a regex wants them)."""
        if kwargs is not None:
            return reverse(self.name, kwargs=kwargs)
        try:
            return reverse(self.name, kwargs=self.probe_kwargs())
        except NoReverseMatch:
            return reverse(self.name, kwargs={k: 999999 for k in self.converters})


def _arguments(pattern: object) -> dict[str, object]:
    """The pattern's named arguments: path() converters, or re_path() groups (as a plain string converter)."""
    converters = dict(getattr(pattern, "converters", {}))
    regex = getattr(pattern, "regex", None)
    for name in regex.groupindex if regex is not None else ():
        converters.setdefault(name, None)
    return converters


def _walk(patterns: list, namespaces: list[str], route: str, converters: dict) -> Iterator[Route | str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = [*namespaces, p.namespace] if p.namespace else namespaces
            yield from _walk(p.url_patterns, inner, route + str(p.pattern), {**converters, **_arguments(p.pattern)})
        elif isinstance(p, URLPattern):
            if p.name is None:
                yield route + str(p.pattern)  # an unnamed route cannot be in the table: reported as such
            else:
                yield Route(
                    ":".join([*namespaces, p.name]), route + str(p.pattern), {**converters, **_arguments(p.pattern)}
                )


def site_routes() -> tuple[list[Route], list[str]]:
    """(named routes outside the allow-listed namespaces, unnamed routes)."""
    named: list[Route] = []
    unnamed: list[str] = []
    for item in _walk(get_resolver().url_patterns, [], "", {}):
        if isinstance(item, str):
            if item.split("/")[0] not in NOT_IN_POLICY_TABLE and not item.startswith(tuple(UNNAMED_ROUTES)):
                unnamed.append(item)
        elif item.name.split(":")[0] not in NOT_IN_POLICY_TABLE:
            named.append(item)
    return named, unnamed


def openapi_operations() -> list[tuple[str, str]]:
    """(method, path) of every operation in the generated OpenAPI schema."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(method, path) for path, item in schema["paths"].items() for method in item if method in METHODS]
