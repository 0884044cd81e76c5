"""``python -m assistant corpus …``: Latvian / English lines, exit codes, JSON."""

from __future__ import annotations

import json

from assistant.__main__ import main
from assistant.index import build_test_index

TEXT = (
    "# Dzīvesvietas deklarēšanas kārtība\n\nDzīvesvietu var deklarēt klātienē vai portālā latvija.gov.lv; "
    "deklarāciju reģistrē piecu darba dienu laikā, un iesniedzējs saņem paziņojumu e-adresē.\n"
)


def test_cli_add_list_remove_and_errors(tmp_path, capsys):
    s = build_test_index(tmp_path / "data")
    d = ["--data-dir", str(s.data_dir)]
    src = tmp_path / "deklaresana.md"
    src.write_text(TEXT, encoding="utf-8")
    assert main([*d, "corpus", "add", str(src), "--issuer", "PMLP", "--year", "2023", "--kind", "regulation"]) == 0
    out, err = capsys.readouterr()
    assert "Dokuments 100 pievienots / added: „Dzīvesvietas deklarēšanas kārtība”" in out
    assert "Gatavs" in err  # progress on stderr
    assert main([*d, "corpus", "list", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["100"]["issuer"] == "PMLP" and rows["100"]["year"] == 2023 and rows["100"]["status"] == "indexed"
    assert len(rows) == 6
    assert main([*d, "corpus", "list"]) == 0
    assert "pievienots indeksā" in capsys.readouterr().out.replace("  ", " ")
    # errors: one line, Latvian / English, exit 2, nothing changed
    assert main([*d, "corpus", "add", str(src)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("Kļūda: šāds dokuments jau ir pievienots") and "/ Error: this document is already there" in err
    assert main([*d, "corpus", "add", str(src), "--year", "divtūkstoš"]) == 2
    assert "gads 'divtūkstoš' nav derīgs" in capsys.readouterr().err
    assert main([*d, "corpus", "remove", "004"]) == 2
    assert "piegādātajā korpusā" in capsys.readouterr().err
    assert main([*d, "corpus", "add", str(tmp_path / "nav.pdf")]) == 2
    assert "nav atrasts" in capsys.readouterr().err
    # replace through add with an existing id, then remove
    src.write_text(TEXT.replace("piecu", "trīs"), encoding="utf-8")
    assert main([*d, "corpus", "add", str(src), "--id", "100", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["action"] == "replaced" and rep["issuer"] == "PMLP"
    assert main([*d, "corpus", "remove", "100"]) == 0
    assert "Dokuments 100 izņemts / removed" in capsys.readouterr().out
    assert main([*d, "corpus"]) == 2  # no action: help, exit 2
