"""Platform administrators may look at devices, never change them here: a device's
digibank, serial number, type, state and wipe go through ``services`` only (the rules,
the tenancy and the audit trail live there), and its history is never deleted."""

from django.contrib import admin

from digibank.devices.models import Device, DeviceEvent


@admin.register(Device)
class DeviceAdmin(admin.ModelAdmin):
    list_display = ("tag", "kind", "brand", "model_name", "digibank", "state", "wipe_status")
    list_filter = ("state", "kind", "wipe_status")
    search_fields = ("tag", "serial_number")
    readonly_fields = ("tag", "state", "state_changed_at", "wipe_status", "donation")
    exclude = ("serial_key",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeviceEvent)
class DeviceEventAdmin(admin.ModelAdmin):
    list_display = ("device", "from_state", "to_state", "occurred_on", "digibank")
    list_filter = ("to_state",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
