"""The ReqIF 1.2 export, written with the `reqif` library (strictdoc-project/reqif).

Layout (what requirements tools see):

* DATATYPEs «Id» (string) and «Tekst» (XHTML); SPEC-OBJECT-TYPEs «Bestemmelse», «Område» and
  «Lovhjemmel», each with one attribute per exported field (ReqIF.ForeignID = the stable id, a
  string; the others XHTML: ReqIF.Name = title, ReqIF.Text = the normative text,
  ReqIF.ChapterName for an area). Text is XHTML because that is what requirements tools show
  and keep best: a line break is <xhtml:br/>, everything else is escaped character data;
* SPEC-RELATION-TYPEs for the relations between provisions (avhenger_av, erstatter,
  konflikt_med, se_også) and «hjemmel» for a provision citing a legal source;
* SPECIFICATION «the standard»: the areas as chapters, their provisions below them (withdrawn
  ones too, with Status «trukket»); SPECIFICATION «Lovhjemler»: the cited sources.

Every value passes `neutral.xml_text` and is escaped (`xhtml_value`; the library escapes the
string attribute itself); identifiers are built from validated ids, so a record can never
inject markup. An empty value is left out (tools treat a missing value as empty).
"""

from __future__ import annotations

import re
from typing import Any

from .. import neutral
from ..vocabulary import RELATION_TYPES, SOURCE_KINDS, STATUSES, TYPES
from .formats import cell_text, krav_row, KRAV_COLUMNS
from .model import AREA_FIELDS, SOURCE_FIELDS

NAMESPACE = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"
CITES = "hjemmel"
STRING_TYPE = "DT-ID"
XHTML_TYPE = "DT-TEKST"
FOREIGN_ID = "ReqIF.ForeignID"
# Attributes with a closed set of values are ENUMERATIONs (per spec object type); the id is a
# STRING; everything else is XHTML.
ENUMERATIONS = {("krav", "type"): TYPES, ("krav", "status"): STATUSES, ("lovhjemmel", "type"): SOURCE_KINDS}
STRING_ATTRIBUTES = (FOREIGN_ID,)
_XML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ESCAPE = re.compile("[&<>\"']")
_NCNAME_BAD = re.compile(r"[^A-Za-z0-9_.-]")

# ReqIF attribute names (long names) per spec object type, beside the exported field names.
KRAV_ATTRIBUTES = {"id": "ReqIF.ForeignID", "tittel": "ReqIF.Name", "tekst": "ReqIF.Text"}
AREA_ATTRIBUTES = {"id": "ReqIF.ForeignID", "navn": "ReqIF.ChapterName"}
SOURCE_ATTRIBUTES = {"id": "ReqIF.ForeignID", "korttittel": "ReqIF.Name"}


def xml_escape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _XML_ESCAPES[m.group()], text)


def xhtml_value(value: Any) -> str:
    """Text as a ReqIF XHTML value: one <xhtml:div>, line breaks as <xhtml:br/>, the rest escaped."""
    lines = neutral.xml_text(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<xhtml:div>" + "<xhtml:br/>".join(xml_escape(line) for line in lines) + "</xhtml:div>"


def text_of_xhtml(value: str) -> str:
    """The text an XHTML value holds (the inverse of `xhtml_value`), for readers and tests."""
    from lxml import etree

    root = etree.fromstring(f'<r xmlns:xhtml="http://www.w3.org/1999/xhtml">{value}</r>'.encode())
    parts: list[str] = []

    def walk(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if etree.QName(child).localname == "br":
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(root)
    return "".join(parts)


def ident(prefix: str, value: str) -> str:
    """A ReqIF IDENTIFIER (xsd:ID) from a validated id: ASCII letters, digits, _ . - only."""
    return f"{prefix}-{_NCNAME_BAD.sub('_', value)}"


def _columns(kind: str) -> list[tuple[str, str]]:
    """(field, attribute long name) of a spec object type, in order."""
    if kind == "krav":
        fields, names = KRAV_COLUMNS, KRAV_ATTRIBUTES
    elif kind == "omrade":
        fields, names = list(AREA_FIELDS), AREA_ATTRIBUTES
    else:
        fields, names = list(SOURCE_FIELDS), SOURCE_ATTRIBUTES
    return [(f, names.get(f, f)) for f in fields]


def object_values(kind: str, item: dict) -> dict[str, str]:
    """Attribute long name -> text for one exported item (also what a reader gets back)."""
    if kind == "krav":
        cells = dict(zip(KRAV_COLUMNS, krav_row(item)))
    elif kind == "omrade":
        cells = {f: cell_text(item[f]) for f in AREA_FIELDS}
        cells["navn"] = f"{item['punkt']} {item['navn'] or item['id']}"
    else:
        cells = {f: cell_text(item[f]) for f in SOURCE_FIELDS}
    return {name: cells[field] for field, name in _columns(kind)}


def attribute_kind(kind: str, field: str, name: str) -> str:
    """«enum», «string» or «xhtml»: how one field of one spec object type is written."""
    if (kind, field) in ENUMERATIONS:
        return "enum"
    return "string" if name in STRING_ATTRIBUTES else "xhtml"


def enum_value_id(kind: str, field: str, value: str) -> str:
    return ident(f"EV-{kind}-{field}", value)


def build_bundle(model: dict, title: str):
    """The ReqIFBundle for an export model."""
    from reqif.models.reqif_core_content import ReqIFCoreContent
    from reqif.models.reqif_data_type import (ReqIFDataTypeDefinitionEnumeration, ReqIFDataTypeDefinitionString,
                                              ReqIFDataTypeDefinitionXHTML, ReqIFEnumValue)
    from reqif.models.reqif_namespace_info import ReqIFNamespaceInfo
    from reqif.models.reqif_req_if_content import ReqIFReqIFContent
    from reqif.models.reqif_reqif_header import ReqIFReqIFHeader
    from reqif.models.reqif_spec_hierarchy import ReqIFSpecHierarchy
    from reqif.models.reqif_spec_object import ReqIFSpecObject, SpecObjectAttribute
    from reqif.models.reqif_spec_object_type import ReqIFSpecObjectType, SpecAttributeDefinition
    from reqif.models.reqif_spec_relation import ReqIFSpecRelation
    from reqif.models.reqif_spec_relation_type import ReqIFSpecRelationType
    from reqif.models.reqif_specification import ReqIFSpecification
    from reqif.models.reqif_specification_type import ReqIFSpecificationType
    from reqif.models.reqif_types import SpecObjectAttributeType
    from reqif.object_lookup import ReqIFObjectLookup
    from reqif.reqif_bundle import ReqIFBundle

    draft = model["utgave"]
    stamp = f"{draft['versjonsdato'] or draft['dato'] or '1970-01-01'}T00:00:00Z"
    string = SpecObjectAttributeType.STRING
    data_types = [ReqIFDataTypeDefinitionString(identifier=STRING_TYPE, last_change=stamp, long_name="Id",
                                                max_length="200"),
                  ReqIFDataTypeDefinitionXHTML(identifier=XHTML_TYPE, last_change=stamp, long_name="Tekst")]
    xhtml = SpecObjectAttributeType.XHTML
    enum = SpecObjectAttributeType.ENUMERATION
    for (kind, field), allowed in ENUMERATIONS.items():
        values = [ReqIFEnumValue(identifier=enum_value_id(kind, field, v), key=str(i), last_change=stamp,
                                 other_content="", long_name=v) for i, v in enumerate(allowed)]
        data_types.append(ReqIFDataTypeDefinitionEnumeration(identifier=ident("DT-ENUM", f"{kind}-{field}"),
                                                             last_change=stamp, long_name=f"{kind}.{field}",
                                                             values=values))
    attribute_types = {"string": (string, STRING_TYPE), "xhtml": (xhtml, XHTML_TYPE)}
    type_ids = {"krav": "SOT-BESTEMMELSE", "omrade": "SOT-OMRADE", "lovhjemmel": "SOT-LOVHJEMMEL"}
    type_names = {"krav": "Bestemmelse", "omrade": "Område", "lovhjemmel": "Lovhjemmel"}
    spec_types: list = []
    for kind, type_id in type_ids.items():
        definitions = []
        for field, name in _columns(kind):
            how = attribute_kind(kind, field, name)
            attribute_type, data_type = (enum, ident("DT-ENUM", f"{kind}-{field}")) if how == "enum" \
                else attribute_types[how]
            definitions.append(SpecAttributeDefinition(attribute_type=attribute_type, identifier=ident(type_id, field),
                                                       datatype_definition=data_type, long_name=name,
                                                       last_change=stamp, multi_valued=False if how == "enum" else None))
        spec_types.append(ReqIFSpecObjectType(identifier=type_id, last_change=stamp, long_name=type_names[kind],
                                              attribute_definitions=definitions))
    relation_types = {name: f"SRT-{_NCNAME_BAD.sub('_', name)}" for name in (*RELATION_TYPES, CITES)}
    for name, type_id in relation_types.items():
        spec_types.append(ReqIFSpecRelationType(identifier=type_id, last_change=stamp, long_name=name))
    spec_types.append(ReqIFSpecificationType(identifier="SPT-DOKUMENT", last_change=stamp, long_name="Dokument",
                                             spec_attributes=None, spec_attribute_map={}, is_self_closed=True))

    def spec_object(kind: str, object_id: str, item: dict) -> ReqIFSpecObject:
        values = object_values(kind, item)
        attributes = []
        for field, name in _columns(kind):
            value, ref = values[name], ident(type_ids[kind], field)
            if not value.strip():  # an empty value is left out
                continue
            how = attribute_kind(kind, field, name)
            if how == "enum" and value in ENUMERATIONS[(kind, field)]:
                attributes.append(SpecObjectAttribute(attribute_type=enum, definition_ref=ref,
                                                      value=[enum_value_id(kind, field, value)]))
            elif how == "string":
                attributes.append(SpecObjectAttribute(attribute_type=string, definition_ref=ref,
                                                      value=neutral.xml_text(value)))
            elif how == "xhtml":
                attributes.append(SpecObjectAttribute(attribute_type=xhtml, definition_ref=ref, value=xhtml_value(value)))
        return ReqIFSpecObject(identifier=object_id, attributes=attributes, spec_object_type=type_ids[kind],
                               last_change=stamp)

    def leaf(object_id: str, level: int, children: list | None = None) -> ReqIFSpecHierarchy:
        return ReqIFSpecHierarchy(identifier=f"H-{object_id}", spec_object=object_id, level=level,
                                  children=children, last_change=stamp)

    objects: list = []
    area_nodes: dict[str, ReqIFSpecHierarchy] = {}
    top_nodes: list = []
    for area in model["omrader"]:
        object_id = ident("OMRADE", area["id"])
        objects.append(spec_object("omrade", object_id, area))
        area_nodes[area["id"]] = leaf(object_id, 1, [])
        top_nodes.append(area_nodes[area["id"]])
    krav_ids = {}
    for item in model["krav"]:
        object_id = ident("KRAV", item["id"])
        krav_ids[item["id"]] = object_id
        objects.append(spec_object("krav", object_id, item))
        parent = area_nodes.get(item["område"])
        if parent is not None:
            node = leaf(object_id, 2)
            parent.add_child(node)
        else:
            top_nodes.append(leaf(object_id, 1))
    source_ids = {}
    source_nodes = []
    for source in model["lovhjemler"]:
        object_id = ident("KILDE", source["id"])
        source_ids[source["id"]] = object_id
        objects.append(spec_object("lovhjemmel", object_id, source))
        source_nodes.append(leaf(object_id, 1))

    relations: list = []
    for item in model["krav"]:
        source = krav_ids[item["id"]]
        links = [(relation_types[r["type"]], krav_ids.get(r["krav"])) for r in item["relasjoner"] or []
                 if r.get("type") in relation_types]
        links += [(relation_types[CITES], source_ids.get(s["id"])) for s in item["lovhjemler"] or []]
        for type_id, target in links:
            if target is not None:  # a reference outside the export (filtered away or unknown) is left out
                relations.append(ReqIFSpecRelation(identifier=f"REL-{len(relations) + 1}", relation_type_ref=type_id,
                                                   source=source, target=target, last_change=stamp))

    specifications = [
        ReqIFSpecification(identifier="SPEC-STANDARD", last_change=stamp, long_name=neutral.xml_text(title),
                           specification_type="SPT-DOKUMENT", children=top_nodes),
        ReqIFSpecification(identifier="SPEC-LOVHJEMLER", last_change=stamp, long_name="Lovhjemler",
                           specification_type="SPT-DOKUMENT", children=source_nodes),
    ]
    content = ReqIFReqIFContent(data_types=data_types, spec_types=spec_types, spec_objects=objects,
                                spec_relations=relations, specifications=specifications, spec_relation_groups=None)
    namespace = ReqIFNamespaceInfo(original_reqif_tag_dump=None, doctype_is_present=True, encoding="UTF-8",
                                   namespace=NAMESPACE, configuration=None, namespace_id=None,
                                   namespace_xhtml="http://www.w3.org/1999/xhtml", schema_namespace=None,
                                   schema_location=None, language="nb")
    header = ReqIFReqIFHeader(identifier="HEADER", creation_time=stamp, title=neutral.xml_text(title),
                              req_if_tool_id="krav eksport", req_if_version="1.0", source_tool_id="krav",
                              repository_id=xml_escape(neutral.xml_text(draft["id"])), comment=xml_escape(
                                  neutral.xml_text(f"{draft['id']} {draft['versjon'] or ''}".strip())))
    return ReqIFBundle(namespace_info=namespace, req_if_header=header, core_content=ReqIFCoreContent(content),
                       tool_extensions_tag_exists=False,
                       lookup=ReqIFObjectLookup(data_types_lookup={}, spec_types_lookup={}, spec_objects_lookup={},
                                                spec_relations_parent_lookup={}),
                       exceptions=[])


def reqif_export(model: dict, title: str) -> bytes:
    from reqif.unparser import ReqIFUnparser

    return ReqIFUnparser.unparse(build_bundle(model, title)).encode("utf-8")
