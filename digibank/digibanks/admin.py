from django.contrib import admin

from digibank.digibanks.models import Digibank, Location, OpeningHours, Organisation, Partnership


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Digibank)
class DigibankAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]
    inlines = [PartnershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "enterprise_number", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "enterprise_number"]
    autocomplete_fields = ["municipality"]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "digibank", "kind", "municipality", "is_active"]
    list_filter = ["digibank", "kind"]
    search_fields = ["name"]
    autocomplete_fields = ["municipality", "host"]
    inlines = [OpeningHoursInline]
