"""Platform administrators keep the programme records here: funders, programmes, tracks
and their result tiers, calls and rounds, milestones, and what the funder's lists do not
carry for a project (partners, digibanken, the previous project, the amount per
municipality, the date the local government signed).

A project's status, amounts and dates change only through the project page (status
history, amendments) and the import, so the history stays complete; here they are shown,
never edited, and projects come in through the import, never by hand.
"""

from django.contrib import admin

from digibank.programmes.models import (
    Call,
    Funder,
    Milestone,
    Programme,
    Project,
    ProjectMunicipality,
    ProjectPartner,
    ResultTier,
    Round,
    Track,
)


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "policy_domain")
    search_fields = ("name", "short_name")


class TrackInline(admin.TabularInline):
    model = Track
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "funder", "start_date", "end_date", "is_demo")
    list_filter = ("funder", "is_demo")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("no_cofunding_with",)
    inlines = [TrackInline]


class ResultTierInline(admin.TabularInline):
    model = ResultTier
    extra = 0


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ("name", "programme", "kind")
    list_filter = ("programme", "kind")
    inlines = [ResultTierInline]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("name", "programme", "track", "is_demo")
    list_filter = ("programme", "is_demo")
    search_fields = ("name",)
    inlines = [RoundInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("name", "programme", "measure", "target", "due_on")
    list_filter = ("programme",)
    readonly_fields = ("changed_by", "changed_at")


class PartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ("organisation",)


class PlaceInline(admin.TabularInline):
    model = ProjectMunicipality
    extra = 0
    autocomplete_fields = ("municipality",)
    fields = ("municipality", "former", "allocated_amount", "agreement_on")
    readonly_fields = ("former",)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "programme", "status", "is_demo")
    list_filter = ("programme", "status", "is_demo")
    search_fields = ("reference", "title", "applicant__name")
    autocomplete_fields = ("applicant", "predecessor")
    filter_horizontal = ("digibanks",)
    readonly_fields = (
        "programme", "round", "track", "status", "submitted_on", "decided_on",
        "decision_reference", "start_date", "end_date", "amount_requested",
        "amount_approved", "amount_amended", "users_reached",
    )  # fmt: skip
    inlines = [PartnerInline, PlaceInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
