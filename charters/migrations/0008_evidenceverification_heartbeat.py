# A verification job beats a heartbeat and counts its attempts, so that one whose worker died is re-queued.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("charters", "0007_ledger_pending_entries"),
    ]

    operations = [
        migrations.AddField(
            model_name="evidenceverification",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="evidenceverification",
            name="heartbeat_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="evidenceverification",
            index=models.Index(fields=["status", "heartbeat_at"], name="charters_ev_status_7e7e6e_idx"),
        ),
    ]
