from fazhi.accounts.models import User
from fazhi.registers.base import BooleanColumn, ChoiceColumn, Column, ForeignKeyColumn, Register, register


@register
class UserRegister(Register):
    name = "users"
    title = "用户名册"
    model = User
    key = "username"
    # Few rows, and User.save() derives is_staff from the role: save one by one.
    save_each = True
    columns = [
        Column("用户名", "username", help_text="登录名，字母、数字和 @ . + - _"),
        Column("姓名", "full_name"),
        ForeignKeyColumn("所属单位编码", "org_unit", lookup="code", required=False),
        ChoiceColumn("角色", "role"),
        Column("手机号码", "phone", required=False),
        BooleanColumn("是否启用", "is_active", required=False),
    ]

    def new_instance(self, user):
        account = User(is_active=True)
        # Imported accounts cannot log in until an administrator sets or resets the password.
        account.set_unusable_password()
        return account
