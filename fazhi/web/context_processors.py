from fazhi.web.navigation import menu_for


def navigation(request):
    return {"nav_menu": menu_for(request.user) if request.user.is_authenticated else []}
