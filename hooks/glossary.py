"""Glossary: tooltips on every page and the generated 术语表 page, from data/glossary.yml."""

from __future__ import annotations

from pathlib import Path

import glossary_data
import glossary_ext
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

_terms: list[glossary_data.Term] = []


def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        terms = glossary_data.load_glossary(root / "data" / "glossary.yml")
    except (glossary_data.DataError, OSError) as error:
        raise PluginError(f"glossary: {error}") from None
    _terms[:] = terms
    names = {}
    for term in terms:
        for name in (term.term, *term.aliases):
            names[name] = (term.term, term.short)
    config.markdown_extensions.append(glossary_ext.GlossaryExtension(names))
    return config


def on_files(files, config):
    files.append(
        File.generated(
            config, glossary_data.GLOSSARY_PAGE, content=glossary_data.glossary_page(_terms)
        )
    )
    return files
