"""A clawback from the next payments whose rest the payments left cannot cover becomes a
repayment request of its own (`moved`, `rest_of`; the daily job may make one, so
`recorded_by` may be empty); a sent quarterly return's PDF is printed once for each of
its states and kept (`ReturnDocument`)."""

import django.db.models.deletion
import django.utils.timezone
import pricing.budgets.models.ledger
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pricing', '0009_third_party_accounts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReturnDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(max_length=64)),
                ('status', models.CharField(choices=[('draft', 'Ready to check'), ('submitted', 'Sent to the council'), ('queried', 'Questions from the council'), ('accepted', 'Accepted')], max_length=12)),
                ('file', models.FileField(storage=pricing.budgets.models.ledger.private_storage, upload_to='returns/%Y/%m/')),
                ('size', models.PositiveIntegerField()),
                ('made_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'ordering': ['ret', 'made_at', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='clawback',
            name='moved',
            field=models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name='moved to a repayment request'),
        ),
        migrations.AddField(
            model_name='clawback',
            name='rest_of',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='rests', to='pricing.clawback'),
        ),
        migrations.AlterField(
            model_name='clawback',
            name='recorded_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='clawback',
            name='status',
            field=models.CharField(choices=[('outstanding', 'Being recovered'), ('recovered', 'Recovered'), ('waived', 'Waived'), ('moved', 'Rest asked for as a repayment')], default='outstanding', max_length=12),
        ),
        migrations.AddConstraint(
            model_name='clawback',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['outstanding', 'recovered', 'waived', 'moved'])), name='clawback_status_ok'),
        ),
        migrations.AddConstraint(
            model_name='clawback',
            constraint=models.CheckConstraint(condition=models.Q(('moved__gte', 0), ('moved__lte', models.F('amount'))), name='clawback_moved_within_amount'),
        ),
        migrations.AddConstraint(
            model_name='clawback',
            constraint=models.CheckConstraint(condition=models.Q(('rest_of__isnull', True), ('method', 'repayment'), _connector='OR'), name='clawback_rest_is_repayment'),
        ),
        migrations.AddField(
            model_name='returndocument',
            name='ret',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='pricing.quarterlyreturn'),
        ),
        migrations.AddConstraint(
            model_name='returndocument',
            constraint=models.UniqueConstraint(fields=('ret', 'state'), name='return_document_once'),
        ),
        migrations.AddConstraint(
            model_name='returndocument',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'submitted', 'queried', 'accepted'])), name='return_document_status_ok'),
        ),
    ]
