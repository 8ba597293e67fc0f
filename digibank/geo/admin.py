from django.contrib import admin

from digibank.geo.models import FormerMunicipality, Municipality, PostalCode, Province, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr", "region", "is_province"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr", "province", "region"]
    list_filter = ["region", "province"]
    search_fields = ["code", "name_nl", "name_fr", "postcodes__postcode"]


@admin.register(PostalCode)
class PostalCodeAdmin(admin.ModelAdmin):
    list_display = ["postcode", "municipality"]
    search_fields = ["postcode", "municipality__name_nl"]


@admin.register(FormerMunicipality)
class FormerMunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr", "successor", "merged_on"]
