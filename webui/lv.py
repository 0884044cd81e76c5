"""Latvian look of the app: theme, CSS, and Latvian text for Gradio's own interface strings.

Gradio 6 ships no Latvian, and ``gr.I18n`` cannot reach its built-in strings: the frontend picks the locale only among
the languages it ships (a Latvian browser falls back to English) and loads its English table after custom ones, so
custom "en" keys do not override it. Our own labels are written in Latvian directly; for the strings Gradio renders
itself (upload prompts, queue and error toasts, the footer) a small script replaces the English text nodes.
"""

from __future__ import annotations

import json

import gradio as gr

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
    (r"^Invalid file type.*$", "Šāda veida fails netiek atbalstīts"),
]

HEAD_JS = (
    "<script>(function(){const M="
    + json.dumps(GRADIO_LV, ensure_ascii=False)
    + ";const P="
    + json.dumps([[p, r] for p, r in GRADIO_LV_PATTERNS], ensure_ascii=False)
    + r""".map(([p,r])=>[new RegExp(p),r]);
function tr(s){const t=s.trim();if(!t)return null;if(M[t]!==undefined)return s.replace(t,M[t]);
for(const [re,r] of P){if(re.test(t))return s.replace(t,t.replace(re,r));}return null;}
function walk(root){const w=document.createTreeWalker(root,NodeFilter.SHOW_TEXT,{acceptNode:n=>{
const p=n.parentElement;if(!p)return NodeFilter.FILTER_REJECT;
if(p.closest('textarea,input,.prose,.message-content,.pp-sources,[contenteditable]'))return NodeFilter.FILTER_REJECT;
return NodeFilter.FILTER_ACCEPT;}});let n;while((n=w.nextNode())){const v=tr(n.nodeValue);if(v!==null&&v!==n.nodeValue)n.nodeValue=v;}
root.querySelectorAll&&root.querySelectorAll('[aria-label],[title],[placeholder]').forEach(e=>{
for(const a of ['aria-label','title','placeholder']){const v=e.getAttribute(a);if(v&&M[v]!==undefined)e.setAttribute(a,M[v]);}});}
function start(){document.documentElement.lang='lv';walk(document.body);
new MutationObserver(ms=>{for(const m of ms){if(m.type==='characterData'){const v=tr(m.target.nodeValue||'');
if(v!==null&&v!==m.target.nodeValue)m.target.nodeValue=v;}else{m.addedNodes.forEach(n=>{
if(n.nodeType===3){const v=tr(n.nodeValue||'');if(v!==null&&v!==n.nodeValue)n.nodeValue=v;}
else if(n.nodeType===1)walk(n);});if(m.target&&m.target.nodeType===1&&m.type==='attributes')walk(m.target);}}})
.observe(document.body,{childList:true,subtree:true,characterData:true,attributes:true,attributeFilter:['aria-label','title','placeholder']});}
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',start);else start();})();</script>"""
)

CSS = """
.pp-sources { display: flex; flex-direction: column; gap: .6rem; max-height: 560px; overflow-y: auto; }
.pp-source { border: 1px solid #c9ced6; border-radius: 8px; padding: .6rem .8rem; background: #ffffff; color: #1a1a1a; }
.pp-source h4 { margin: 0 0 .2rem 0; font-size: 1rem; color: #1a1a1a; }
.pp-source .pp-n { color: #0b4f9c; font-weight: 700; }
.pp-section { font-size: .85rem; color: #3d4450; margin-bottom: .35rem; }
.pp-doc { color: #555c66; }
.pp-text { white-space: pre-wrap; font-size: .92rem; line-height: 1.45; color: #1a1a1a; }
.pp-text mark, .pp-source mark { background: #ffe066; color: #1a1a1a; padding: 0 .1rem; border-radius: 2px; }
.pp-weak { border-left: 4px solid #b35c00; background: #fff4e5; color: #4a2a00; padding: .5rem .7rem; }
.pp-related { border-style: dashed; }
.pp-empty { color: #3d4450; font-style: italic; }
#pp-status { border-left: 4px solid #0b4f9c; padding-left: .6rem; }
*:focus-visible { outline: 3px solid #0b4f9c !important; outline-offset: 2px; }
"""


def THEME() -> gr.themes.Base:
    # a built-in theme with system fonts: no web fonts fetched at run time
    return gr.themes.Default(
        primary_hue="blue",
        font=["system-ui", "Segoe UI", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "Consolas", "monospace"],
    )
