// The compiled halves of Asio, Asio.SSL and Beast, built once for the whole project
// (BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION): a Beast translation unit
// costs ~25 s on two cores, so no other file instantiates these.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
