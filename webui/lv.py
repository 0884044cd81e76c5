"""Latvian look of the app: theme, CSS, and Latvian for Gradio's own interface strings, tooltips and aria labels.

Two layers, because Gradio 6 ships no Latvian:

1. **Gradio's i18n, with a Latvian locale.** ``launch(i18n=gr.I18n(lv=GRADIO_I18N_LV))`` registers Latvian for every
   key of Gradio's own table (``common.clear``, ``upload_text.drop_file``, ``chatbot.copy_message``, …, and the keys its
   components ask for that have no English entry, such as ``common.upload``). The frontend would still choose English
   (it picks a locale only among the languages it ships), so the page script imports Gradio's i18n module and calls
   its own ``changeLocale("lv")``: every translated string, tooltip and aria label switches to Latvian. The module's
   file name is found in the installed Gradio (:func:`gradio_i18n_module`); when it is not found, layer 2 still works.
2. **A text fallback** for what Gradio writes in English without i18n ("Fullscreen", "Copy table data", the
   chatbot's "chatbot conversation" aria label, queue and upload-limit messages): a small script replaces those text
   nodes and attributes (``aria-label``, ``title``, ``placeholder``) with Latvian as they appear.

``tests/test_browser_app.py`` scans every tab's visible text and accessible names for English words.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import gradio as gr

# Latvian for Gradio's own i18n keys (gradio 6.31's English table, plus keys its components use without an entry)
GRADIO_I18N_LV = {
    "_name": "Latviešu",
    "annotated_image.annotated_image": "Anotēts attēls",
    "blocks.connection_can_break": "Telefonā savienojums var pārtrūkt, ja šī cilne nav aktīva vai ierīce aizmieg; "
    "vieta rindā tad tiek zaudēta.",
    "blocks.long_requests_queue": "Rindā gaida daudz pieprasījumu. Lūdzu, uzgaidiet.",
    "blocks.lost_connection": "Savienojums pārtrūka, jo lapa tika pamesta. Atgriežos rindā…",
    "blocks.waiting_for_inputs": "Gaida, kamēr faili tiks augšupielādēti; mēģiniet vēlreiz.",
    "chatbot.edit": "Labot",
    "chatbot.retry": "Mēģināt vēlreiz",
    "chatbot.undo": "Atsaukt",
    "chatbot.submit": "Iesniegt",
    "chatbot.cancel": "Atcelt",
    "chatbot.like": "Noderīga",
    "chatbot.dislike": "Nav noderīga",
    "chatbot.clear": "Jauna saruna",
    "chatbot.complete": "Pabeigts",
    "chatbot.copy_message": "Kopēt ziņu",
    "chatbot.copied_message": "Ziņa nokopēta",
    "chat_interface.new_chat": "Jauna saruna",
    "chat_interface.message_placeholder": "Ierakstiet ziņu…",
    "chat_interface.additional_inputs": "Papildu ievade",
    "chat_interface.chatbot": "Saruna",
    "chat_interface.conversation": "Saruna",
    "checkbox.checkbox": "Izvēles rūtiņa",
    "checkbox.checkbox_group": "Izvēles rūtiņu grupa",
    "code.code": "Kods",
    "color_picker.color_picker": "Krāsas izvēle",
    "common.built_with": "veidots ar",
    "common.built_with_gradio": "Veidots ar Gradio",
    "common.clear": "Notīrīt",
    "common.complete": "Pabeigts",
    "common.download": "Lejupielādēt",
    "common.download_all": "Lejupielādēt visu",
    "common.edit": "Labot",
    "common.empty": "Tukšs",
    "common.error": "Kļūda",
    "common.hosted_on": "Izvietots",
    "common.loading": "Ielādē",
    "common.logo": "logotips",
    "common.or": "vai",
    "common.remove": "Noņemt",
    "common.runs": "Palaidieni",
    "common.runs_description": "Šajā pārlūkā saglabātie palaidieni",
    "common.back_to_app": "Lietotne",
    "common.back_to_app_description": "Atgriezties lietotnē",
    "common.settings": "Iestatījumi",
    "common.share": "Kopīgot",
    "common.submit": "Iesniegt",
    "common.undo": "Atsaukt",
    "common.upload": "Augšupielādēt",
    "common.no_devices": "Ierīces nav atrastas",
    "common.language": "Valoda",
    "common.display_theme": "Izskats",
    "common.pwa": "Tīmekļa lietotne",
    "common.progress": "Gaita",
    "common.record": "Ierakstīt",
    "common.stop_recording": "Beigt ierakstu",
    "common.screen_studio": "Ekrāna ieraksts",
    "common.share_gradio_tab": "Kopīgot cilni",
    "common.run": "Izpildīt",
    "common.video": "Video",
    "common.webcam": "Kamera",
    "dataframe.incorrect_format": "Nepareizs formāts: der tikai CSV un TSV faili",
    "dataframe.new_column": "Pievienot kolonnu",
    "dataframe.new_row": "Jauna rinda",
    "dataframe.add_row_above": "Pievienot rindu virs",
    "dataframe.add_row_below": "Pievienot rindu zem",
    "dataframe.delete_row": "Dzēst rindu",
    "dataframe.delete_column": "Dzēst kolonnu",
    "dataframe.add_column_left": "Pievienot kolonnu pa kreisi",
    "dataframe.add_column_right": "Pievienot kolonnu pa labi",
    "dataframe.sort_column": "Kārtot kolonnu",
    "dataframe.sort_ascending": "Kārtot augošā secībā",
    "dataframe.sort_descending": "Kārtot dilstošā secībā",
    "dataframe.drop_to_upload": "Ievelciet šeit CSV vai TSV failu, lai ielādētu datus tabulā",
    "dataframe.import_empty_file": "Ievilktais fails ir tukšs.",
    "dataframe.import_no_column_names": "Ievilktajam failam nav kolonnu nosaukumu.",
    "dataframe.import_ragged_row": "Faila {line}. rindā ir {fields} lauki, galvenē — {columns}.",
    "dataframe.import_static_columns": "Tabulā ar nemaināmām kolonnām datus ielādēt nevar.",
    "dataframe.import_fixed_columns": "Tabulā jābūt tieši {expected} kolonnām, failā ir {actual}.",
    "dataframe.import_fixed_rows": "Tabulā jābūt tieši {expected} rindām, failā ir {actual}.",
    "dataframe.clear_sort": "Noņemt kārtošanu",
    "dataframe.filter": "Filtrēt",
    "dataframe.clear_filter": "Noņemt filtrus",
    "dropdown.dropdown": "Izvēlne",
    "errors.build_error": "radusies būvēšanas kļūda",
    "errors.config_error": "radusies konfigurācijas kļūda",
    "errors.contact_page_author": "Lūdzu, sazinieties ar lapas uzturētāju.",
    "errors.no_app_file": "nav lietotnes faila",
    "errors.runtime_error": "radusies izpildes kļūda",
    "errors.space_not_working": "Lietotne nedarbojas, jo {0}",
    "errors.space_paused": "lietotne ir apturēta",
    "errors.use_via_api": "Lietot caur API",
    "errors.use_via_api_or_mcp": "Lietot caur API vai MCP",
    "file.uploading": "Augšupielādē…",
    "highlighted_text.highlighted_text": "Iezīmēts teksts",
    "label.label": "Etiķete",
    "login.enable_cookies": "Ja lapu atverat privātajā režīmā, atļaujiet trešo pušu sīkdatnes.",
    "login.incorrect_credentials": "Nepareizs lietotājvārds vai parole",
    "login.username": "lietotājvārds",
    "login.password": "parole",
    "login.login": "Pieteikties",
    "number.number": "Skaitlis",
    "plot.plot": "Diagramma",
    "radio.radio": "Radiopogas",
    "slider.slider": "Slīdnis",
    "status.queue_position": "Rindā: {position}. no {size}",
    "upload_text.click_to_upload": "Noklikšķiniet, lai augšupielādētu",
    "upload_text.drop_audio": "Ievelciet audio šeit",
    "upload_text.drop_csv": "Ievelciet CSV failu šeit",
    "upload_text.drop_file": "Ievelciet failu šeit",
    "upload_text.drop_image": "Ievelciet attēlu šeit",
    "upload_text.drop_video": "Ievelciet video šeit",
    "upload_text.drop_gallery": "Ievelciet failus šeit",
    "upload_text.paste_clipboard": "Ielīmēt no starpliktuves",
    "video.drop_to_upload": "Ievelciet šeit video failu",
}


@lru_cache(maxsize=1)
def gradio_i18n_module() -> str:
    """The file name of the installed Gradio frontend's i18n module (the one exporting ``changeLocale``), or ""."""
    assets = Path(gr.__file__).resolve().parent / "templates" / "frontend" / "assets"
    candidates = sorted(assets.glob("core-*.js")) + sorted(p for p in assets.glob("*.js") if not p.name.startswith("core-"))
    for path in candidates[:40] if candidates else []:
        try:
            text = path.read_text(encoding="utf-8", errors="ignore")
        except OSError:
            continue
        if " as changeLocale" in text and "setupi18n" in text:
            return path.name
    return ""


def i18n() -> gr.I18n:
    """Gradio's i18n with Latvian for its own strings (passed to ``launch(i18n=...)``)."""
    return gr.I18n(lv=dict(GRADIO_I18N_LV))

# Gradio's English UI strings (gradio 6.31 frontend) → Latvian
GRADIO_LV = {
    "Drop File Here": "Ievelciet failu šeit",
    "Drop CSV Here": "Ievelciet CSV failu šeit",
    "Click to Upload": "Noklikšķiniet, lai augšupielādētu",
    "- or -": "- vai -",
    "Paste from Clipboard": "Ielīmēt no starpliktuves",
    "Uploading...": "Augšupielādē…",
    "Loading...": "Ielādē…",
    "Loading": "Ielādē",
    "Error": "Kļūda",
    "Warning": "Uzmanību",
    "Info": "Informācija",
    "Use via API": "Lietot caur API",
    "Use via API or MCP": "Lietot caur API vai MCP",
    "Built with Gradio": "Veidots ar Gradio",
    "Settings": "Iestatījumi",
    "Clear": "Notīrīt",
    "Copy": "Kopēt",
    "Copied!": "Nokopēts!",
    "Copy message": "Kopēt ziņu",
    "Copy conversation": "Kopēt sarunu",
    "Download": "Lejupielādēt",
    "Submit": "Iesniegt",
    "Retry": "Mēģināt vēlreiz",
    "Undo": "Atsaukt",
    "Like": "Patīk",
    "Dislike": "Nepatīk",
    "Close": "Aizvērt",
    "Examples": "Piemēri",
    "Search": "Meklēt",
    "Login": "Pieteikties",
    "Logout": "Atteikties",
    "username": "lietotājvārds",
    "password": "parole",
    "Username": "Lietotājvārds",
    "Password": "Parole",
    "Incorrect Credentials": "Nepareizs lietotājvārds vai parole",
    "Connection errored out.": "Savienojums pārtrūka.",
    "Connection can't be established.": "Savienojumu nevar izveidot.",
    "Too many requests. Please try again later.": "Pārāk daudz pieprasījumu. Mēģiniet vēlāk.",
    "processing": "apstrādā",
    "queue": "rindā",
    "Fullscreen": "Pilnekrāna režīms",
    "Exit fullscreen mode": "Iziet no pilnekrāna režīma",
    "Exit fullscreen": "Iziet no pilnekrāna",
    "Copy table data": "Kopēt tabulas datus",
    "Copied to clipboard": "Nokopēts starpliktuvē",
    "chatbot conversation": "saruna ar palīgu",
    "Copied message": "Ziņa nokopēta",
    "Copied conversation": "Saruna nokopēta",
    "Copy to clipboard": "Kopēt starpliktuvē",
    "Dropdown": "Izvēlne",
    "Checkbox": "Izvēles rūtiņa",
    "Plot": "Diagramma",
    "Chatbot": "Saruna",
    "Textbox": "Teksta lauks",
    "HTML": "Saturs",
    "Markdown": "Teksts",
    "File": "Fails",
    "Upload": "Augšupielādēt",
    "Remove": "Noņemt",
    "Clear sort": "Noņemt kārtošanu",
    "Sort ascending": "Kārtot augošā secībā",
    "Sort descending": "Kārtot dilstošā secībā",
    "Filter": "Filtrēt",
    "Select": "Izvēlēties",
    "Share": "Kopīgot",
    "Edit": "Labot",
    "Stop": "Apturēt",
    "Cancel": "Atcelt",
    "Empty": "Tukšs",
    "Scroll down": "Ritināt uz leju",
    "Scroll to bottom": "Uz sarunas beigām",
    "Show API": "Rādīt API",
    "common.upload": "Augšupielādēt",
    "common.clear": "Notīrīt",
    "common.download": "Lejupielādēt",
    "Uploading": "Augšupielādē",
    "Paste": "Ielīmēt",
    "Bar Plot": "Stabiņu diagramma",
    "Open in new tab": "Atvērt jaunā cilnē",
    "Click to upload or drop files": "Noklikšķiniet, lai augšupielādētu, vai ievelciet failus",
    "Table actions": "Tabulas darbības",
    "copy": "Kopēt",
    "copied": "Nokopēts",
    "group mark container": "diagrammas grupa",
    "rect mark": "stabiņš",
    "text mark": "teksts",
    "Select all": "Izvēlēties visu",
    "Sort": "Kārtot",
    "More tabs": "Citas cilnes",
}
# patterns with numbers or file names: (regex, replacement)
GRADIO_LV_PATTERNS = [
    (r"^In queue: (\d+) of (\d+)$", "Rindā: $1. no $2"),
    (r"^Waiting to start$", "Gaida sākumu"),
    (r"^File exceeded the maximum size of (.+)$", "Fails pārsniedz atļauto lielumu ($1)"),
    (
        r"^File\(s\) exceed the maximum allowed size of (.+?) ?Mb: (.+)$",
        "Fails ir pārāk liels (atļauts līdz $1 MB): $2",
    ),
    (
        r"^File size exceeded maximum allowed size of (\d+) bytes\.?$",
        "Fails pārsniedz atļauto lielumu ($1 baiti)",
    ),
    (
        r"^Invalid file type\. Please upload a file that is one of these formats: \[(.*)\]$",
        "Šāda veida fails netiek atbalstīts; derīgi: $1",
    ),
    (r"^Invalid file type.*$", "Šāda veida fails netiek atbalstīts"),
    (r"^(\d+) rows?$", "$1 rindas"),
    (r"^user's message: ([\s\S]*)$", "Jūsu jautājums: $1"),
    (r"^bot's message: ([\s\S]*)$", "Palīga atbilde: $1"),
    (
        r"^X-axis titled '(.*)' for a discrete scale with (\d+) values?: ([\s\S]*)$",
        "Horizontālā ass „$1”, vērtību skaits: $2 ($3)",
    ),
    (
        r"^Y-axis titled '(.*)' for a linear scale with values from (.*) to (.*)$",
        "Vertikālā ass „$1”, vērtības no $2 līdz $3",
    ),
    (r"^Title text '(.*)'$", "Virsraksts „$1”"),
    (r"^(\d+)\.(\d+) (B|KB|MB|GB)( ↓)?$", "$1,$2 $3$4"),
    (r"^Row (\d+)$", "$1. rinda"),
    (r"^Column (\d+)$", "$1. kolonna"),
    (r"^Select row (\d+)$", "Izvēlēties $1. rindu"),
    (r"^Sort by (.+)$", "Kārtot pēc: $1"),
    (r"^Filter (.+)$", "Filtrēt: $1"),
]

_TEXT_FALLBACK_JS = r"""
function tidy(v){return v.replace(/\[\[(\d+)\]\]\(#avots-[^)]*\)/g,'[$1]');}
function tr(s){const t=s.trim();if(!t)return null;if(M[t]!==undefined)return s.replace(t,M[t]);
for(const [re,r] of P){if(re.test(t))return tidy(s.replace(t,t.replace(re,r)));}return null;}
function attrs(e){for(const a of ['aria-label','title','placeholder','alt','aria-roledescription']){const v=e.getAttribute&&e.getAttribute(a);
if(v){const w=tr(v);if(w!==null&&w!==v)e.setAttribute(a,w);}}}
function walk(root){if(root.nodeType===1){attrs(root);}
const w=document.createTreeWalker(root,NodeFilter.SHOW_TEXT,{acceptNode:n=>{
const p=n.parentElement;if(!p)return NodeFilter.FILTER_REJECT;
if(p.closest('textarea,input,.prose,.message-content,.pp-sources,.pp-doc-text,.pp-mail,[contenteditable]'))return NodeFilter.FILTER_REJECT;
return NodeFilter.FILTER_ACCEPT;}});let n;while((n=w.nextNode())){const v=tr(n.nodeValue);if(v!==null&&v!==n.nodeValue)n.nodeValue=v;}
root.querySelectorAll&&root.querySelectorAll('[aria-label],[title],[placeholder],[alt],[aria-roledescription]').forEach(attrs);}
"""

_APP_JS = r"""
function setLv(){const mod=I18N_MODULE;if(!mod)return;
const base=new URL('assets/'+mod,document.baseURI).href;
let tries=0;const t=setInterval(()=>{tries++;import(base).then(m=>{
if(document.documentElement.lang!=='lv'&&m.changeLocale){m.changeLocale('lv');}
if(tries>6&&document.documentElement.lang==='lv')clearInterval(t);}).catch(()=>clearInterval(t));
if(tries>80)clearInterval(t);},250);}
function accepts(){for(const [sel,acc] of ACCEPT){document.querySelectorAll(sel+' input[type=file]').forEach(i=>{
if(i.getAttribute('accept')!==acc)i.setAttribute('accept',acc);});}}
function labels(){document.querySelectorAll('textarea,input[type=text]').forEach(i=>{
if((i.labels&&i.labels.length)||i.getAttribute('aria-label'))return;const b=i.closest('.block');
const t=b&&b.querySelector('[data-testid=block-info]');if(t&&t.textContent.trim())i.setAttribute('aria-label',t.textContent.trim());});}
function openCite(e){const a=e.target.closest&&e.target.closest('a[href^="#avots-"]');if(!a)return;
const m=a.getAttribute('href').match(/^#avots-(\d+)-(\d+)$/);if(!m)return;e.preventDefault();e.stopPropagation();
if(window.ppOpenSource)window.ppOpenSource(+m[1],+m[2]);}
function scrollHl(root){const hl=(root.querySelector?root.querySelector('#pp-hl'):null)||document.querySelector('#pp-viewer #pp-hl');
if(hl&&!hl.dataset.seen){hl.dataset.seen='1';setTimeout(()=>{hl.scrollIntoView({block:'center'});try{hl.focus({preventScroll:true});}catch(_){}} ,60);}}
function keys(e){if(e.key==='Escape'){const v=document.querySelector('#pp-viewer');
if(v&&v.getBoundingClientRect().width>0){const c=document.querySelector('#pp-viewer-close');if(c){e.preventDefault();c.click();}}}}
function start(){setLv();walk(document.body);accepts();labels();
document.addEventListener('click',openCite,true);document.addEventListener('keydown',keys);
new MutationObserver(ms=>{for(const m of ms){if(m.type==='characterData'){const v=tr(m.target.nodeValue||'');
if(v!==null&&v!==m.target.nodeValue)m.target.nodeValue=v;}else if(m.type==='attributes'){if(m.target.nodeType===1)attrs(m.target);}
else{m.addedNodes.forEach(n=>{if(n.nodeType===3){const v=tr(n.nodeValue||'');if(v!==null&&v!==n.nodeValue)n.nodeValue=v;}
else if(n.nodeType===1){walk(n);scrollHl(n);}});}}accepts();labels();})
.observe(document.body,{childList:true,subtree:true,characterData:true,attributes:true,attributeFilter:['aria-label','title','placeholder','alt','aria-roledescription']});}
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',start);else start();
"""


def head_js(accept: dict[str, str] | None = None) -> str:
    """The page script: Latvian locale for Gradio, the text fallback, citation links, the viewer's scroll and Esc,
    and file pickers limited to the accepted types (``accept``: CSS selector → ".eml,.msg,…")."""
    consts = (
        "const M=" + json.dumps(GRADIO_LV, ensure_ascii=False)
        + ";const P=" + json.dumps([[p, r] for p, r in GRADIO_LV_PATTERNS], ensure_ascii=False)
        + ".map(([p,r])=>[new RegExp(p),r]);const I18N_MODULE=" + json.dumps(gradio_i18n_module())
        + ";const ACCEPT=" + json.dumps(sorted((accept or {}).items()), ensure_ascii=False) + ";"
    )
    return "<script>(function(){" + consts + _TEXT_FALLBACK_JS + _APP_JS + "})();</script>"


HEAD_JS = head_js()

CSS = """
.pp-sources { display: flex; flex-direction: column; gap: .6rem; max-height: 560px; overflow-y: auto; }
#pp-sources { overflow: hidden; }
.pp-source { border: 1px solid #c9ced6; border-radius: 8px; padding: .6rem .8rem; background: #ffffff; color: #1a1a1a; }
.pp-source h4 { margin: 0 0 .2rem 0; font-size: 1rem; color: #1a1a1a; }
.pp-source .pp-n { color: #0b4f9c; font-weight: 700; }
.pp-link { background: none; border: none; padding: 0; color: #0b4f9c; text-decoration: underline; cursor: pointer;
  font: inherit; font-weight: 600; text-align: left; }
.pp-open { margin-top: .4rem; background: #ffffff; color: #0b4f9c; border: 1px solid #0b4f9c; border-radius: 6px;
  padding: .2rem .6rem; cursor: pointer; font-size: .9rem; }
.pp-open:hover, .pp-dl:hover { background: #e8f0fb; }
.pp-section { font-size: .85rem; color: #3d4450; margin-bottom: .35rem; }
.pp-doc { color: #555c66; }
.pp-text { white-space: pre-wrap; font-size: .92rem; line-height: 1.45; color: #1a1a1a; }
.pp-text mark, .pp-source mark, .pp-doc-text mark { background: #ffe066; color: #1a1a1a; padding: 0 .1rem; border-radius: 2px; }
.pp-more summary { cursor: pointer; color: #0b4f9c; font-weight: 600; margin-top: .35rem; }
.pp-weak { border-left: 4px solid #b35c00; background: #fff4e5; color: #4a2a00; padding: .5rem .7rem; }
.pp-related { border-style: dashed; }
.pp-empty { color: #3d4450; font-style: italic; }
#pp-status { border-left: 4px solid #0b4f9c; padding-left: .6rem; }
#pp-hint { color: #3d4450; min-height: 1.2em; }
*:focus-visible { outline: 3px solid #0b4f9c !important; outline-offset: 2px; }
/* the selected tab: blue-700 on white (6.7:1; Gradio's accent blue-500 is 3.7:1) */
[role=tab][aria-selected=true], [role=tab].selected { color: #1d4ed8 !important; }
/* the chat's [n] links */
#pp-chat a[href^="#avots-"] { color: #0b4f9c; font-weight: 700; text-decoration: none; border-bottom: 1px solid #0b4f9c; }
/* the document viewer: a dialog over the page */
#pp-viewer { position: fixed; top: 3vh; left: 50%; transform: translateX(-50%); width: min(1040px, 96vw);
  max-height: 94vh; z-index: 1000; background: #ffffff; border-radius: 10px; padding: .8rem 1rem;
  box-shadow: 0 0 0 100vmax rgba(10, 20, 40, .45), 0 8px 30px rgba(0, 0, 0, .3); overflow: hidden; }
#pp-viewer-doc { max-height: 76vh; overflow-y: auto; }
.pp-viewer-head h3 { margin: 0 0 .2rem 0; color: #1a1a1a; }
.pp-doc-meta { color: #3d4450; font-size: .9rem; }
.pp-doc-note { border-left: 4px solid #b35c00; background: #fff4e5; color: #4a2a00; padding: .3rem .6rem; margin: .4rem 0; }
.pp-doc-text { white-space: pre-wrap; font-size: .95rem; line-height: 1.5; color: #1a1a1a; max-height: 64vh;
  overflow-y: auto; border: 1px solid #c9ced6; border-radius: 6px; padding: .6rem .8rem; margin-top: .5rem; }
.pp-passage { background: #fff3bf; border-radius: 3px; }
.pp-doc-text mark.pp-quote { background: #ffd43b; }
.pp-viewer-missing { border-left: 4px solid #b3261e; background: #fde2e1; color: #3b0b08; padding: .6rem .8rem; }
/* documents for staff (Par) */
.pp-docs { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: .6rem; }
.pp-doc-item { border: 1px solid #c9ced6; border-radius: 8px; padding: .6rem .8rem; background: #ffffff; color: #1a1a1a; }
.pp-doc-title { font-weight: 700; }
.pp-doc-actions { display: flex; gap: .6rem; align-items: center; }
.pp-dl { margin-top: .4rem; color: #0b4f9c; border: 1px solid #0b4f9c; border-radius: 6px; padding: .2rem .6rem;
  text-decoration: none; font-size: .9rem; }
/* an e-mail as text: line breaks kept */
.pp-mail { border: 1px solid #c9ced6; border-radius: 8px; padding: .6rem .8rem; background: #ffffff; color: #1a1a1a; }
.pp-mail-subject { font-weight: 700; margin-bottom: .4rem; }
.pp-mail-body { white-space: pre-wrap; line-height: 1.45; }
/* result tables: full width, proportional font, wrapping; on a phone each row is a card */
.pp-table { width: 100%; border-collapse: collapse; font-size: .95rem; line-height: 1.4; color: #1a1a1a; }
.pp-table th { text-align: left; background: #eef1f5; color: #1a1a1a; padding: .45rem .5rem; border-bottom: 2px solid #c9ced6; }
.pp-table td { padding: .4rem .5rem; border-bottom: 1px solid #d5d9e0; vertical-align: top; overflow-wrap: anywhere; }
.pp-code { white-space: nowrap; background: #ffffff; color: #0b4f9c; border: 1px solid #0b4f9c; border-radius: 5px; padding: 0 .35rem;
  cursor: pointer; font: inherit; font-weight: 600; }
.pp-table td[data-label="Saņemts"], .pp-table td[data-label="Termiņš"], .pp-table td[data-label="Valoda"] { white-space: nowrap; }
.pp-bars { margin: 0; padding: .6rem .8rem; border: 1px solid #c9ced6; border-radius: 8px; background: #ffffff; color: #1a1a1a; }
.pp-bars figcaption { font-weight: 700; margin-bottom: .4rem; }
.pp-bars ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .3rem; }
.pp-bars li { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr 2.5rem; gap: .5rem; align-items: center; }
.pp-bar { display: block; height: .9rem; background: #1d4ed8; border-radius: 3px; }
.pp-bar-n { text-align: right; font-variant-numeric: tabular-nums; }
.pp-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
@media (max-width: 700px) {
  .pp-table thead { display: none; }
  .pp-table tr { display: block; border: 1px solid #c9ced6; border-radius: 8px; margin-bottom: .6rem; }
  .pp-table td { display: block; border: none; padding: .2rem .6rem; }
  .pp-table td:empty { display: none; }
  .pp-table td::before { content: attr(data-label) ": "; font-weight: 700; }
}
#pp-lint-table, #pp-lint-table *, #pp-triage-table, #pp-triage-table * { font-family: var(--font) !important; }
#pp-lint-table [role=gridcell], #pp-triage-table [role=gridcell], #pp-lint-table td, #pp-triage-table td {
  font-size: .92rem; line-height: 1.35; }
@media (max-width: 700px) {
  #pp-viewer { top: 0; width: 100vw; max-height: 100vh; border-radius: 0; }
  #pp-lint-table [role=gridcell], #pp-triage-table [role=gridcell] { font-size: .85rem; }
}
"""


def THEME() -> gr.themes.Base:
    # a built-in theme with system fonts: no web fonts fetched at run time
    # WCAG AA: white on blue-700 (#1d4ed8) is 6.7:1 (the default blue-500 was 3.7:1), on red-700 6.5:1;
    # placeholders in neutral-500 (4.8:1)
    return gr.themes.Default(
        primary_hue="blue",
        font=["system-ui", "Segoe UI", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "Consolas", "monospace"],
    ).set(
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_border_color="*primary_700",
        button_primary_text_color="#ffffff",
        button_primary_text_color_hover="#ffffff",
        button_cancel_background_fill="#b91c1c",
        button_cancel_background_fill_hover="#991b1b",
        button_cancel_border_color="#b91c1c",
        button_cancel_text_color="#ffffff",
        button_cancel_text_color_hover="#ffffff",
        input_placeholder_color="*neutral_500",
        link_text_color="*primary_700",
    )
