"""The web pages: server-rendered Jinja2 templates, one stylesheet, small scripts, four languages.

Layout:

- ``i18n.py``: the reader's language (``?lang=``, then ``Accept-Language``, then English) and
  :class:`~api.web.i18n.Translator`, which looks strings up in message catalogs;
- ``messages.py``: the strings every page shares (navigation, switch, footer…), each in en/es/pt/fr;
- ``templating.py``: the Jinja2 environment and :func:`~api.web.templating.render_page`;
- ``templates/base.html``: header, navigation, language switch, footer; pages extend it;
- ``/static/web/site.css`` (the one stylesheet) and ``/static/web/*.js`` (small scripts);
  third-party front-end code only from ``/static/vendor/`` (``make assets``), never a CDN.

How to add a page (say ``/states/{iso3}/map``):

1. **Messages.** Write the page's strings in its own catalog, ``api/web/<page>_messages.py``::

       MESSAGES: Catalog = {"map.title": {"en": "Cooperation", "es": "Cooperación",
                                          "pt": "Cooperação", "fr": "Coopération"}, ...}

   Every key needs all four languages (``tests/web/test_messages.py`` checks every catalog
   returned by ``api.web.i18n.catalogs()``; add yours there).
2. **Template.** ``api/web/templates/<page>.html``::

       {% extends "base.html" %}
       {% block main %}<h1>{{ t("map.title") }}</h1>...{% endblock %}

   ``t(key, **values)`` translates (``{name}`` placeholders are filled from ``values``),
   ``lang`` is the reader's language, ``url(path, **query)`` builds an internal link that
   keeps an explicit ``?lang=``. Scripts go in ``{% block scripts %}`` and read their
   strings from ``{{ script_messages(...) }}`` (a JSON block), not from hard-coded text.
3. **Router.** ``api/web/<page>.py`` with a FastAPI ``APIRouter(include_in_schema=False)``
   whose handler returns ``render_page(request, "<page>.html", title=..., catalogs=[MESSAGES],
   context={...})``; include the router in ``api/web/routes.py`` (``ROUTERS``), which
   ``api.app`` includes. Data comes from ``kg`` through the app's dependencies
   (``api.deps``); a route only translates HTTP.
4. **Test** it in a real browser in ``tests/web/`` (the ``page`` fixture records every
   request and fails on one leaving the server; ``check_accessibility(page)`` runs axe-core).
"""
