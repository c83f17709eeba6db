"""A third party holding part of a personal budget gets an account: the budget's
`third_party`, set when it accepts the officer's invitation (an invitation now says
whom it is for), and "access removed" for an invitation whose access the officer
took away."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pricing', '0008_sqlite_refuses_deletes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='budgetinvitation',
            name='role',
            field=models.CharField(choices=[('family', 'The family'), ('third_party', 'The third party')], default='family', max_length=12),
        ),
        migrations.AddField(
            model_name='personalbudget',
            name='third_party',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='third_party_budgets', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='budgetinvitation',
            name='status',
            field=models.CharField(choices=[('sent', 'Sent'), ('accepted', 'Accepted'), ('withdrawn', 'Withdrawn'), ('removed', 'Access removed')], default='sent', max_length=10),
        ),
        migrations.AddConstraint(
            model_name='budgetinvitation',
            constraint=models.CheckConstraint(condition=models.Q(('role__in', ['family', 'third_party'])), name='budget_invitation_role_ok'),
        ),
        migrations.AddConstraint(
            model_name='budgetinvitation',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['sent', 'accepted', 'withdrawn', 'removed'])), name='budget_invitation_status_ok'),
        ),
    ]
