"""Read a Wagtail admin form from a real response and post it back, changed.

Posting what the page itself renders (hidden rich-text state, inline management forms and
all) tests the admin as an editor uses it, not a hand-made approximation of its fields.
"""

from bs4 import BeautifulSoup


def form_data(response, form_id="page-edit-form"):
    """The values a browser would submit for the form, as a dict (lists for multi-values)."""
    soup = BeautifulSoup(response.content, "html.parser")
    if form_id:
        form = soup.find("form", id=form_id)
    else:
        # The page's main form: the POST form with the most fields (not search or logout).
        posts = [f for f in soup.find_all("form") if f.get("method", "").lower() == "post"]
        form = max(
            posts, key=lambda f: len(f.find_all(["input", "select", "textarea"])), default=None
        )
    assert form is not None, f"no form {form_id!r} in the response"
    data = {}

    def add(name, value):
        if name in data:
            existing = data[name]
            data[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            data[name] = value

    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "input":
            kind = field.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    add(name, field.get("value", "on"))
                continue
            add(name, field.get("value", ""))
        elif field.name == "select":
            chosen = [o for o in field.find_all("option") if o.has_attr("selected")]
            if not chosen and not field.has_attr("multiple"):
                options = field.find_all("option")
                chosen = options[:1]
            for option in chosen:
                add(name, option.get("value", option.text))
        else:
            add(name, field.text)
    return data
