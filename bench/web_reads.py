"""What the web client reads for a list or kanban view, shared by the benchmark and the tests.

No import of odoo.tests here: the benchmark runs outside test mode.
"""

from lxml import etree

ADDON = "hr_recruitment_invitation"


def addon_field_names(model):
    """Names of the fields of ``model`` that this addon adds (and no other module defines)."""
    return {name for name, field in model._fields.items() if set(field._modules) == {ADDON}}


def view_read_specification(model, view_type):
    """The ``web_search_read`` specification of the model's default view of ``view_type``.

    Like the web client: every field of the view (those of embedded x2many sub-views
    excepted), relational ones with their display name.
    """
    arch = model.get_views([(False, view_type)])["views"][view_type]["arch"]
    specification = {}
    for node in etree.fromstring(arch).iter("field"):
        if next(node.iterancestors("field"), None) is not None:
            continue
        name = node.get("name")
        relational = model._fields[name].relational
        specification[name] = {"fields": {"display_name": {}}} if relational else {}
    return specification


def without_addon_fields(model, specification):
    """The same specification without this addon's fields: what the view reads without it."""
    added = addon_field_names(model)
    return {name: spec for name, spec in specification.items() if name not in added}


def pivot_read_group(model):
    """The ``read_group`` arguments of the model's default pivot view, with the graph view's
    grouping as columns: (measures as ``name:aggregator``, groupby fields)."""
    measures, groupby = [], []
    for view_type in ("pivot", "graph"):
        arch = model.get_views([(False, view_type)])["views"][view_type]["arch"]
        for node in etree.fromstring(arch).iter("field"):
            name = node.get("name")
            if node.get("type") == "measure":
                spec = f"{name}:{model._fields[name].aggregator}"
                measures += [spec] if spec not in measures else []
            elif node.get("type") in (None, "row", "col") and name not in groupby:
                groupby.append(name)
    return measures, groupby
