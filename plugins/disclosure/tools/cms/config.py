"""The editor's config.yml, generated from the schemas and data/: never written by hand.

One folder collection per unit and type (content/<unit>/<type folder>/), plus one hidden collection of
every unit's items that the relation widgets search. The backend comes from data/site.yaml's ``cms``
(self-hosted GitLab with PKCE, Gitea or Forgejo); on the clerk's own computer (``invoke edit``) the
page switches to decap-server through the ``local`` environment (``disclosure-cms.js`` sets
``CMS_ENV`` when the page is opened from localhost).
"""

from ...model.records import ATTACHMENTS_DIR, TYPE_FOLDERS
from .fields import CATALOGUE, fields

LOCAL_PORT = 8081  # decap-server, on 127.0.0.1
LOCAL_PROXY = f"http://127.0.0.1:{LOCAL_PORT}/api/v1"
DEFAULT_BRANCH = "main"
API_ROOTS = {"gitlab": "/api/v4", "gitea": "/api/v1", "forgejo": "/api/v1"}
CATALOGUE_DEPTH = 3  # content/<unit>/<type folder>/<item>.md
COMMIT_MESSAGES = {  # every save is a commit: its message names the collection and the file
    "create": "新建{{collection}}：{{slug}}",
    "update": "修改{{collection}}：{{slug}}",
    "delete": "删除{{collection}}：{{slug}}",
    "uploadMedia": "上传附件：{{path}}",
    "deleteMedia": "删除附件：{{path}}",
    "openAuthoring": "{{message}}",
}


def backend(site):
    """(backend, publish mode) for data/site.yaml's ``cms``; decap-server alone without it."""
    cms = site.portal.get("cms")
    branch = (cms or {}).get("branch", DEFAULT_BRANCH)
    if not cms:
        return {"name": "proxy", "proxy_url": LOCAL_PROXY, "branch": branch}, "simple"
    settings = {"name": cms["backend"], "repo": cms["repo"], "branch": branch, "base_url": cms["url"],
                "api_root": cms["url"] + API_ROOTS[cms["backend"]], "app_id": cms["app_id"]}
    if cms["backend"] == "gitlab":  # PKCE needs no OAuth server; each draft is a merge request
        settings.update(auth_type="pkce", auth_endpoint="oauth/authorize")
        return settings, "editorial_workflow"
    return settings, "simple"  # Gitea and Forgejo have no review in the editor: see docs/editing.md


def config(site, units, content_root):
    """The whole configuration for the given units (every unit, or one with ``invoke cms --unit``)."""
    settings, mode = backend(site)
    settings["commit_messages"] = COMMIT_MESSAGES
    content = content_root.as_posix()
    return {
        "locale": "zh_Hans",
        "site_url": "",
        "backend": settings,
        "publish_mode": mode,
        "local": {  # CMS_ENV=local: invoke edit, decap-server on the clerk's own clone
            "backend": {"name": "proxy", "proxy_url": LOCAL_PROXY, "branch": settings["branch"],
                        "commit_messages": COMMIT_MESSAGES},
            "publish_mode": "simple",
        },
        "media_folder": f"{content}/{units[0].slug if len(units) == 1 else ''}/{ATTACHMENTS_DIR}".replace("//", "/"),
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "show_preview_links": False,
        "collections": [*(_collection(site, unit, kind, content, units) for unit in units for kind in _kinds(site)),
                        _catalogue(content)],
    }


def _kinds(site):
    """Every type the schemas define that has a folder: a new type appears without any change here."""
    return [kind for kind in site.schemas.types if kind in TYPE_FOLDERS]


def collection_name(unit, kind):
    return f"{unit.slug}-{TYPE_FOLDERS[kind]}"


def _collection(site, unit, kind, content, units):
    type_label = site.label("types", kind)
    names = [collection_name(unit, other) for other in _kinds(site)]
    return {
        "name": collection_name(unit, kind),
        "label": f"{unit.agency.get('short_name') or unit.name} · {type_label}" if len(units) > 1 else type_label,
        "label_singular": type_label,
        "description": f"{unit.name}的{type_label}：{content}/{unit.slug}/{TYPE_FOLDERS[kind]}/",
        "folder": f"{content}/{unit.slug}/{TYPE_FOLDERS[kind]}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "delete": False,  # a published item is repealed or corrected, never deleted (its 索引号 stays)
        "slug": "{{fields.index_number | lower}}",  # slq-tjj-2026-00017.md, like invoke new and the address
        "identifier_field": "title",
        "summary": "{{index_number}}　{{title}}",
        "sortable_fields": [{"field": "publish_date", "default_sort": "desc"}, "index_number", "title"],
        "media_folder": f"/{content}/{unit.slug}/{ATTACHMENTS_DIR}",
        "public_folder": "",
        "fields": fields(site, unit, kind, names),
    }


def _catalogue(content):
    """Every unit's items, read only, for the relation widgets (references cross units)."""
    return {
        "name": CATALOGUE, "label": "全部条目（供引用）", "folder": content, "extension": "md",
        "format": "yaml-frontmatter", "nested": {"depth": CATALOGUE_DEPTH}, "hide": True, "create": False,
        "delete": False,
        "fields": [{"label": "名称", "name": "title", "widget": "string"},
                   {"label": "类型", "name": "type", "widget": "string"},
                   {"label": "索引号", "name": "index_number", "widget": "string"},
                   {"label": "文号", "name": "doc_number", "widget": "string", "required": False}],
    }
