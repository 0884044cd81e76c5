"""One module per tab of the web app (Kotaemon's pages): each tab class builds its components, then wires its events.

``chat.ChatTab`` (Jautājumi) · ``names.NamesTab`` (Nosaukumu pārbaude) · ``inbox.InboxTab`` (Iesūtne) ·
``about.AboutTab`` (Par) · ``admin.AdminTab`` (Administrēšana, administrators only). Tabs talk through a few named
events, e.g. "open a document" (:class:`webui.viewer.Viewer`), never through each other's components.
"""
