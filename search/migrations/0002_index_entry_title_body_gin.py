"""A GIN index on the expression Wagtail's PostgreSQL search matches: `title || body`.

Wagtail's database backend on PostgreSQL matches `(title || body) @@ query` over its index
table, and has GIN indexes on `title` and on `body` apart, which that expression cannot use:
every text search read all 8,000 index rows (20 ms at 8,000 fiches, for any word). With an
index on the expression itself a rare word takes 0.3 ms and a word in three quarters of the
fiches 3 ms (bench/README.md, "Search, round 4"). SQLite's full-text table needs nothing.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
        "USING gin ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("opvangpunt_search", "0001_search_page"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
