"""The loket's emergency list (noodlijst): flagging, quarterly contacts, proposals."""
